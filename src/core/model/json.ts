/** A JSON value as decoded from an S3XML `value` attribute or stored in a record field. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
