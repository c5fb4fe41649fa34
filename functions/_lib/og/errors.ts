/** Base class: every failure of the renderer is one of these, so the caller can serve the fallback image. */
export class OgRenderError extends Error {
  override readonly name: string = "OgRenderError";
}

/**
 * The text asked for a character the bundled font subset does not have. Template text only
 * (OG_TEXT in template-strings.ts), digits and ASCII can be drawn; add new template words
 * there and rerun scripts/build-og-font.mjs.
 */
export class OgUnsupportedCharacterError extends OgRenderError {
  override readonly name: string = "OgUnsupportedCharacterError";
  readonly character: string;

  constructor(character: string, text: string) {
    const cp = character.codePointAt(0) ?? 0;
    super(
      `OG font subset has no glyph for ${JSON.stringify(character)} (U+${cp.toString(16).toUpperCase().padStart(4, "0")}) in ${JSON.stringify(text)}; only OG_CHARSET can be drawn`,
    );
    this.character = character;
  }
}

/** The data passed to renderOgPng does not describe a chart we can draw. */
export class OgInvalidDataError extends OgRenderError {
  override readonly name: string = "OgInvalidDataError";
}
