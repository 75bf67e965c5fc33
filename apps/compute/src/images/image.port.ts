/** What compute needs to know about an image (from the image service, with the caller's token). */
export interface ImageInfo {
  readonly id: string;
  readonly name: string;
  /** queued, saving, active, deactivated, ... */
  readonly status: string;
  /** Bytes; 0 when unknown. */
  readonly size: number;
  readonly minDiskGb: number;
  readonly minRamMb: number;
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** A server snapshot to store as a new image of the caller's project. */
export interface SnapshotImage {
  readonly name: string;
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly minDiskGb: number;
  readonly minRamMb: number;
  /** Expected size in bytes, or -1 when unknown. */
  readonly size: number;
  /** Custom properties: image_type=snapshot, instance_uuid, base_image_ref, user metadata... */
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * The image service as compute uses it (proto/tinystack/image/v1). Calls carry the caller's
 * token, so the image service applies its own visibility rules. Errors are DomainErrors
 * (`not_found` for an image the caller may not see).
 */
export interface ImageGateway {
  getImage(token: string, id: string): Promise<ImageInfo>;
  /**
   * Store `data` as a new image (the image is active when this resolves; on failure no image
   * is left). The bytes are streamed through, never held whole.
   */
  createSnapshot(token: string, image: SnapshotImage, data: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<ImageInfo>;
  close?(): void;
}

/** Nest injection token of the {@link ImageGateway}. */
export const IMAGE_GATEWAY = Symbol('IMAGE_GATEWAY');
