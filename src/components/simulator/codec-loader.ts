// The share-link codec (fflate's deflate and inflate, about 5 KB gzipped, and tables built when
// it is evaluated) loads when a link is first read or written, not with the page: opening
// /simulate/ without ?s= needs neither, and a change writes the URL only after a pause.
type Codec = typeof import("../../lib/scenario/codec");

let loaded: Codec | null = null;
let loading: Promise<Codec> | null = null;

/** The codec if it has loaded, else null. */
export const codec = (): Codec | null => loaded;

/** Loads the codec once; a failed load (offline, say) is tried again on the next call. */
export function loadCodec(): Promise<Codec> {
  loading ??= import("../../lib/scenario/codec").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
