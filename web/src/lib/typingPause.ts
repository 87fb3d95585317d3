/** How long typing must pause before a search is run. */
export const SEARCH_DELAY_MS = 300;

/** How long typing must pause before the preview is asked for again. */
export const PREVIEW_DELAY_MS = 300;
