// Filled in by the level-1 work.
export {};
