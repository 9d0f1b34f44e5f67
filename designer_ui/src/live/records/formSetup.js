// The record form for react-jsonschema-form from GET /api/apps/<app>/forms/<entity>: the create schema or the
// update schema (a PATCH), the uiSchema with Dabble's widgets, and the bodies sent back.

/** {schema, uiSchema} of a form answer for "create" or "edit" (ref fields pick records; row_version rides hidden). */
export function formSchemas(answer, mode) {
  const source = mode === "edit" ? answer.update_schema : answer.schema;
  const { $schema: _ignored, ...schema } = source;
  const uiSchema = { ...answer.uiSchema };
  for (const [key, value] of Object.entries(answer.uiSchema ?? {})) {
    if (key.startsWith("ui:") || !value || typeof value !== "object") continue;
    if (value["ui:widget"] === "hidden") continue;
    if (value["ui:options"]?.dabble?.type === "ref") uiSchema[key] = { ...value, "ui:widget": "RefWidget" };
  }
  if (mode === "edit") uiSchema.row_version = { "ui:widget": "hidden" };
  return { schema, uiSchema };
}

/** The form's first data: the record's values of the schema's properties (none for a new record). */
export function initialFormData(schema, record) {
  if (!record) return {};
  const data = {};
  for (const name of Object.keys(schema.properties ?? {})) if (record[name] !== undefined) data[name] = record[name];
  return data;
}

/** The body of a create: the values given (empty ones left to the server's defaults). */
export function createBody(formData, schema) {
  const body = {};
  for (const name of Object.keys(schema.properties ?? {})) {
    const value = formData?.[name];
    if (value !== undefined && value !== null && value !== "") body[name] = value;
  }
  return body;
}

function same(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The body of an update: row_version and only the fields changed (an emptied field becomes null). */
export function patchBody(initial, formData, schema) {
  const body = { row_version: initial.row_version };
  for (const name of Object.keys(schema.properties ?? {})) {
    if (name === "row_version") continue;
    const before = initial[name];
    const after = formData?.[name] === "" ? null : formData?.[name];
    if (!same(before, after)) body[name] = after ?? null;
  }
  return body;
}

/** The messages of client-side checks in the chosen language (ajv writes English). */
export function localizeErrors(errors, t) {
  return errors.map((error) => {
    const limit = error.params?.limit;
    const keys = {
      required: "validation.required",
      minimum: "validation.minimum",
      exclusiveMinimum: "validation.minimum",
      maximum: "validation.maximum",
      exclusiveMaximum: "validation.maximum",
      minLength: "validation.minLength",
      maxLength: "validation.maxLength",
      pattern: "validation.format",
      format: "validation.format",
      type: "validation.type",
      enum: "validation.enum",
    };
    const key = keys[error.name];
    return key ? { ...error, message: t(key, { limit }) } : error;
  });
}
