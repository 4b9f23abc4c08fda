/** Topics or questions per page: fits 1080x1920 and 1920x1080 without scrolling, beside the search button. */
export const FAQ_ITEMS_PER_PAGE = 5;
