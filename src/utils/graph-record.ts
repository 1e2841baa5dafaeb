/**
 * A record as `query.graph` returns it for another module's entity (cart, order,
 * payment...): the plugin does not generate Medusa's typed graph, so fields are read
 * as the entity defines them. The one place the untyped shape is allowed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type GraphRecord = Record<string, any>
