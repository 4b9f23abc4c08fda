/** Placeholder for the fleet protocol's jobs messages (issue 6). */
export {};
