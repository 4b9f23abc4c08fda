/**
 * Version of the two wire contracts in this folder (KioskClient and the fleet protocol).
 * Bump it on any change that an older peer would misread; peers send it and refuse a mismatch.
 */
export const PROTOCOL_VERSION = 1;
