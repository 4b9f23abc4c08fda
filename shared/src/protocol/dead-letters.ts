/** Placeholder for the fleet protocol's dead-letters messages (issue 6). */
export {};
