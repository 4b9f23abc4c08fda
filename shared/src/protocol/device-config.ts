/** Placeholder for the fleet protocol's device-config messages (issue 6). */
export {};
