// URLs of the live API and of the live-app pages, built in one place.

const part = encodeURIComponent;

/** A path with a query string of the parameters that have a value. */
export function withQuery(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const apiPaths = {
  navigation: (app) => `/api/apps/${part(app)}/views`,
  view: (app, view, parameters) => withQuery(`/api/apps/${part(app)}/views/${part(view)}`, parameters),
  detail: (app, view, id) => `/api/apps/${part(app)}/views/${part(view)}/${part(id)}`,
  widget: (app, view, widget) => `/api/apps/${part(app)}/views/${part(view)}/widgets/${part(widget)}`,
  export: (app, view, parameters) => withQuery(`/api/apps/${part(app)}/views/${part(view)}/export`, parameters),
  form: (app, entity, language) => withQuery(`/api/apps/${part(app)}/forms/${part(entity)}`, { lang: language }),
  records: (app, entity, parameters) => withQuery(`/api/apps/${part(app)}/${part(entity)}`, parameters),
  record: (app, entity, id) => `/api/apps/${part(app)}/${part(entity)}/${part(id)}`,
  history: (app, entity, id) => `/api/apps/${part(app)}/${part(entity)}/${part(id)}/history`,
  approval: (app, entity, id) => `/api/apps/${part(app)}/${part(entity)}/${part(id)}/approval`,
  workflowAction: (app, instance, action) => `/api/apps/${part(app)}/workflows/${part(instance)}/${part(action)}`,
  inbox: () => "/api/inbox",
};

export const pagePaths = {
  app: (app) => `/apps/${part(app)}`,
  view: (app, view) => `/apps/${part(app)}/views/${part(view)}`,
  inbox: (app) => `/apps/${part(app)}/inbox`,
  entity: (app, entity) => `/apps/${part(app)}/records/${part(entity)}`,
  newRecord: (app, entity) => `/apps/${part(app)}/records/${part(entity)}/new`,
  record: (app, entity, id) => `/apps/${part(app)}/records/${part(entity)}/${part(id)}`,
  editRecord: (app, entity, id) => `/apps/${part(app)}/records/${part(entity)}/${part(id)}/edit`,
};

/** A condition of the definition language matching records by id. */
export function idsCondition(ids) {
  return { combinator: "and", rules: [{ field: "id", operator: "in", value: ids }] };
}
