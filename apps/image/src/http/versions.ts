/** The image API versions advertised by version discovery, newest first. */
export const API_VERSIONS = ['2.8', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '2.0'] as const;

/** Glance's version list: every version's self link is <public url>/v2/. */
export function versionsDocument(publicUrl: string) {
  return {
    versions: API_VERSIONS.map((v, i) => ({
      id: `v${v}`,
      status: i === 0 ? 'CURRENT' : 'SUPPORTED',
      links: [{ rel: 'self', href: `${publicUrl}/v2/` }],
    })),
  };
}
