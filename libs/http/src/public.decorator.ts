import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the auth guard (libs/auth): the route needs no token. */
export const IS_PUBLIC = 'tinystack:isPublic';

/** The route needs no token (version discovery, health, token issue...). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
