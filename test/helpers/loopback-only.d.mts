/** Connections refused because they went to a host other than 127.0.0.1. */
export const violations: string[];
