// Every record form: react-jsonschema-form with the builder's compiled schema and uiSchema (POST /api/definitions/forms),
// ajv8 validation (messages in `language`), and the form's sections and columns. Values are rendered by React as
// text, never as HTML.
import Form from "@rjsf/core";
import { SectionsTemplate } from "./SectionsTemplate.jsx";
import { validatorFor } from "./validators.js";

const TEMPLATES = { ObjectFieldTemplate: SectionsTemplate };

/**
 * <RecordForm schema uiSchema formData onChange onSubmit extraErrors disabled readonly>{buttons}</RecordForm>
 * `extraErrors` takes server problems mapped to fields, e.g. {amount: {__errors: ["must be at least 0"]}}.
 */
export function RecordForm({ schema, uiSchema, formData, onChange, onSubmit, extraErrors, disabled, readonly, children, idPrefix, language = "en" }) {
  return (
    <Form
      className="record-form"
      schema={schema}
      uiSchema={uiSchema}
      formData={formData}
      validator={validatorFor(language)}
      templates={TEMPLATES}
      onChange={onChange ? (event) => onChange(event.formData) : undefined}
      onSubmit={onSubmit ? (event) => onSubmit(event.formData) : undefined}
      extraErrors={extraErrors}
      disabled={disabled}
      readonly={readonly}
      idPrefix={idPrefix}
      noHtml5Validate
      showErrorList={false}
    >
      {children}
    </Form>
  );
}

/** Server problems ({path: "/amount", message: {zh, en}}) as react-jsonschema-form extraErrors in one language. */
export function problemsToExtraErrors(problems, language) {
  const errors = {};
  for (const problem of problems ?? []) {
    const field = String(problem.path ?? "").split("/")[1];
    if (!field) continue;
    const message = problem.message?.[language] ?? problem.message?.en ?? problem.code;
    (errors[field] ??= { __errors: [] }).__errors.push(message);
  }
  return errors;
}
