/**
 * The inversify service identifier protocols are bound to. `Symbol.for` keeps it the same symbol
 * even if a plugin ends up with its own copy of this module.
 */
export const PROTOCOL: unique symbol = Symbol.for('cryo-vrs.protocol') as never;
