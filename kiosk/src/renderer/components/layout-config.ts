/** Layout numbers that are decisions rather than styling: change them here, not in components. */

/** Services per page: fits 1080x1920 (one column) and 1920x1080 (two columns) without scrolling. */
export const SERVICES_PER_PAGE = 6;
