-- Run once by the postgres image when its data volume is empty: one database per service
-- (no service reads another's), owned by the role the services connect as (POSTGRES_USER).
-- Works on PostgreSQL 15 and 16.
CREATE DATABASE identity;
CREATE DATABASE object_store;
CREATE DATABASE image;
CREATE DATABASE compute;
