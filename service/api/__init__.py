"""The FastAPI application: app factory, dependencies, auth, errors, metrics and routers."""
