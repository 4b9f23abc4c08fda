/** Placeholder for the fleet protocol's enrolment messages (issue 6). */
export {};
