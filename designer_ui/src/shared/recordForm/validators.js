// The ajv8 validator of record forms, with its messages in the reader's language (ajv-i18n for Chinese).
import { customizeValidator } from "@rjsf/validator-ajv8";
import localizeZh from "ajv-i18n/localize/zh";

const VALIDATORS = { en: customizeValidator(), zh: customizeValidator({}, localizeZh) };

/** The validator for "zh" or "en". */
export function validatorFor(language) {
  return VALIDATORS[language] ?? VALIDATORS.en;
}
