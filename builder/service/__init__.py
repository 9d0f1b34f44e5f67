"""The authoring service around the definition language: drafts and versions store, designer HTTP API."""

# Unlike the builder core, this package uses Flask and the database. It never imports the runtime:
# the runtime plugs its publisher in through `builder.service.publishing.Publisher`.
