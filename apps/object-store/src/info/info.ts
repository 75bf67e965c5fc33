import { BULK_LIMITS } from '../bulk/bulk-delete.service.js';
import { SLO_LIMITS } from '../large-objects/slo-manifest.js';
import { LISTING_LIMIT } from '../shared/listing.js';
import { META_LIMITS } from '../shared/metadata.js';
import { MAX_ACCOUNT_NAME_LENGTH, MAX_CONTAINER_NAME_LENGTH, MAX_OBJECT_NAME_LENGTH } from '../shared/swift-path.js';
import { MAX_FILE_SIZE } from '../objects/put-spec.js';
import { TEMPURL_DIGESTS, TEMPURL_METHODS } from '../tempurl/tempurl-signature.js';

/** GET /info: the capabilities swiftclient reads (bulk delete, SLO limits, TempURL digests...). */
export const CAPABILITIES = {
  swift: {
    version: '2.30.0',
    max_file_size: MAX_FILE_SIZE,
    ...META_LIMITS,
    max_header_size: 8192,
    max_object_name_length: MAX_OBJECT_NAME_LENGTH,
    max_container_name_length: MAX_CONTAINER_NAME_LENGTH,
    max_account_name_length: MAX_ACCOUNT_NAME_LENGTH,
    container_listing_limit: LISTING_LIMIT,
    account_listing_limit: LISTING_LIMIT,
    extra_header_count: 0,
    account_autocreate: true,
    allow_account_management: false,
    strict_cors_mode: true,
    valid_api_versions: ['v1', 'v1.0'],
    policies: [{ name: 'Policy-0', aliases: 'Policy-0', default: true }],
  },
  slo: { ...SLO_LIMITS, allow_async_delete: false },
  dlo: { max_get_time: 86400 },
  tempurl: {
    methods: [...TEMPURL_METHODS],
    allowed_digests: [...TEMPURL_DIGESTS],
    incoming_remove_headers: [],
    incoming_allow_headers: [],
    outgoing_remove_headers: [],
    outgoing_allow_headers: [],
  },
  bulk_delete: { ...BULK_LIMITS },
  container_quotas: {},
  keystoneauth: {},
} as const;
