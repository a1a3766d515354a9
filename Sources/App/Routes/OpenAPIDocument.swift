/// The served API as OpenAPI 3.1 (`GET /api/v1/openapi.json`); kept beside the routes and
/// checked by a test against the route table, so the two cannot drift apart unnoticed.
enum OpenAPIDocument {
    /// Paths and methods documented here; a test compares them with the router.
    static let operations: [(method: String, path: String)] = [
        ("get", "/healthz"),
        ("post", "/api/v1/session"),
        ("delete", "/api/v1/session"),
        ("post", "/api/v1/dossiers"),
        ("get", "/api/v1/dossiers/{code}"),
        ("get", "/api/v1/stats/summary"),
        ("get", "/api/v1/agencies"),
        ("get", "/api/v1/procedures"),
        ("get", "/api/v1/procedures/{code}"),
        ("get", "/api/v1/calendar/due"),
        ("get", "/api/v1/calendar/{year}"),
        ("put", "/api/v1/calendar/{year}"),
        ("post", "/api/v1/citizens"),
        ("get", "/api/v1/staff"),
        ("post", "/api/v1/staff"),
        ("patch", "/api/v1/staff/{id}"),
        ("get", "/api/v1/openapi.json"),
    ]

    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "MotCua API",
        "version": "1",
        "description": "Hệ thống một cửa giải quyết thủ tục hành chính — public JSON API v1. Errors: {\"error\": {\"code\", \"message\", \"details\"?}}."
      },
      "servers": [{"url": "/"}],
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer"},
          "cookie": {"type": "apiKey", "in": "cookie", "name": "motcua_session"}
        },
        "schemas": {
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
              "code": {"type": "string"}, "message": {"type": "string"}, "details": {"type": "object"}}}}
          },
          "User": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "username": {"type": "string"}, "full_name": {"type": "string"},
              "role": {"type": "string", "enum": ["citizen", "counter_officer", "specialist", "leader", "agency_admin",
                "province_monitor", "admin", "integration"]},
              "agency_id": {"type": ["integer", "null"]}}
          },
          "Applicant": {
            "type": "object", "required": ["full_name", "id_number", "phone"],
            "properties": {"full_name": {"type": "string"}, "id_number": {"type": "string", "pattern": "^[0-9]{12}$"},
              "phone": {"type": "string"}, "email": {"type": ["string", "null"]}, "address": {"type": ["string", "null"]}}
          },
          "NewDossier": {
            "type": "object", "required": ["procedure_code", "channel", "applicant"],
            "properties": {"procedure_code": {"type": "string"}, "channel": {"type": "string", "enum": ["online", "counter", "postal"]},
              "applicant": {"$ref": "#/components/schemas/Applicant"}, "note": {"type": "string"},
              "agency_id": {"type": "integer", "description": "District or commune for a local procedure submitted online"}}
          },
          "Dossier": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "procedure_code": {"type": "string"}, "procedure_name": {"type": "string"},
              "agency_id": {"type": "integer"}, "current_agency_id": {"type": "integer"},
              "channel": {"type": "string"}, "status": {"type": "string"},
              "applicant": {"$ref": "#/components/schemas/Applicant"}, "note": {"type": ["string", "null"]},
              "submitted_at": {"type": "string", "format": "date-time"},
              "received_at": {"type": ["string", "null"], "format": "date-time"},
              "due_at": {"type": ["string", "null"], "format": "date-time"},
              "original_due_at": {"type": ["string", "null"], "format": "date-time"},
              "finished_at": {"type": ["string", "null"], "format": "date-time"},
              "timing": {"type": ["string", "null"], "enum": ["early", "on_time", "late", "within", "overdue", null]},
              "assignee_id": {"type": ["integer", "null"]},
              "documents": {"type": "array", "items": {"type": "object"}},
              "result": {"type": ["object", "null"]},
              "events": {"type": "array", "items": {"type": "object", "properties": {
                "seq": {"type": "integer"}, "at": {"type": "string"}, "action": {"type": "string"},
                "actor": {"type": "object"}, "from_status": {"type": ["string", "null"]}, "to_status": {"type": "string"},
                "note": {"type": ["string", "null"]}}}}}
          },
          "TimeLimit": {
            "type": "object", "required": ["value", "unit"],
            "properties": {"value": {"type": "integer", "minimum": 1}, "unit": {"type": "string", "enum": ["working_days", "working_hours"]}}
          },
          "Procedure": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "field": {"type": "string"},
              "level": {"type": "string", "enum": ["province", "district", "commune"]}, "agency_id": {"type": ["integer", "null"]},
              "time_limit": {"$ref": "#/components/schemas/TimeLimit"},
              "online_level": {"type": "string", "enum": ["none", "partial", "full"]},
              "fee_vnd": {"type": ["integer", "null"], "description": "null when unknown; 0 means free"},
              "fee_note": {"type": ["string", "null"]}, "legal_basis": {"type": ["string", "null"]}, "version": {"type": "integer"},
              "documents": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
                "required": {"type": "boolean"}, "copies": {"type": "integer"}}}},
              "steps": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
                "role": {"type": "string"}, "time_limit": {"$ref": "#/components/schemas/TimeLimit"}}}}}
          },
          "CalendarYear": {
            "type": "object", "required": ["office_hours"],
            "properties": {"year": {"type": "integer"},
              "office_hours": {"type": "array", "items": {"type": "object", "properties": {
                "start": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}, "end": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}}}},
              "holidays": {"type": "array", "items": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}, "name": {"type": "string"}}}},
              "working_days": {"type": "array", "items": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}, "name": {"type": "string"}}}},
              "has_data": {"type": "boolean", "readOnly": true}, "provisional": {"type": "boolean", "readOnly": true}}
          },
          "StaffMember": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "username": {"type": "string"}, "full_name": {"type": "string"},
              "role": {"type": "string"}, "agency_id": {"type": ["integer", "null"]}, "is_active": {"type": "boolean"},
              "created_at": {"type": "string", "format": "date-time"}}
          },
          "Counts": {
            "type": "object",
            "properties": {
              "received": {"type": "object", "properties": {"total": {"type": "integer"}, "carried_over": {"type": "integer"},
                "online": {"type": "integer"}, "counter": {"type": "integer"}, "postal": {"type": "integer"}}},
              "resolved": {"type": "object", "properties": {"total": {"type": "integer"}, "early": {"type": "integer"},
                "on_time": {"type": "integer"}, "late": {"type": "integer"}}},
              "in_progress": {"type": "object", "properties": {"total": {"type": "integer"}, "within": {"type": "integer"},
                "overdue": {"type": "integer"}}},
              "withdrawn": {"type": "integer"}, "refused": {"type": "integer"},
              "online_rate": {"type": ["number", "null"]}, "on_time_rate": {"type": ["number", "null"]},
              "digitization_rate": {"type": ["number", "null"]}, "satisfaction_rate": {"type": ["number", "null"]}}
          }
        }
      },
      "security": [{"bearer": []}, {"cookie": []}],
      "paths": {
        "/healthz": {"get": {"security": [], "summary": "Health", "responses": {
          "200": {"description": "ok", "content": {"text/plain": {}}}, "503": {"description": "database unavailable"}}}},
        "/api/v1/session": {
          "post": {"security": [], "summary": "Sign in", "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["username", "password"],
              "properties": {"username": {"type": "string"}, "password": {"type": "string"}}}}}},
            "responses": {"200": {"description": "signed in", "content": {"application/json": {"schema": {"type": "object",
              "properties": {"token": {"type": "string"}, "csrf_token": {"type": "string"}, "expires_at": {"type": "string"},
                "user": {"$ref": "#/components/schemas/User"}}}}}},
              "401": {"description": "wrong credentials", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "422": {"description": "missing fields"}, "429": {"description": "too many failures"}}},
          "delete": {"summary": "Sign out", "responses": {"204": {"description": "signed out"}, "401": {"description": "not signed in"}}}
        },
        "/api/v1/dossiers": {"post": {"summary": "Submit (citizen, online) or receive (counter officer)",
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewDossier"}}}},
          "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}}},
            "400": {"description": "malformed JSON"}, "401": {"description": "not signed in"}, "403": {"description": "role may not submit"},
            "415": {"description": "not JSON"}, "422": {"description": "validation failed (details.fields)"}}}},
        "/api/v1/dossiers/{code}": {"get": {"summary": "A dossier with documents and events",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "the dossier", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}}},
            "401": {"description": "not signed in"}, "404": {"description": "unknown or not visible to the caller"}}}},
        "/api/v1/stats/summary": {"get": {"summary": "Dashboard figures",
          "parameters": [{"name": "from", "in": "query", "schema": {"type": "string"}}, {"name": "to", "in": "query", "schema": {"type": "string"}},
            {"name": "agency_id", "in": "query", "schema": {"type": "integer"}}],
          "responses": {"200": {"description": "summary", "content": {"application/json": {"schema": {"allOf": [
            {"$ref": "#/components/schemas/Counts"},
            {"type": "object", "properties": {"from": {"type": "string"}, "to": {"type": "string"},
              "by_agency": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Counts"},
                {"type": "object", "properties": {"agency_id": {"type": "integer"}, "agency_name": {"type": "string"}}}]}}}}]}}}},
            "403": {"description": "citizens"}, "422": {"description": "bad period"}}}},
        "/api/v1/agencies": {"get": {"security": [], "summary": "The agency tree",
          "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}, {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
          "responses": {"200": {"description": "agencies", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
              "level": {"type": "string", "enum": ["province", "department", "district", "commune"]}, "parent_id": {"type": ["integer", "null"]},
              "identifier": {"type": "string"}}}}, "next_cursor": {"type": ["string", "null"]}}}}}}}}},
        "/api/v1/procedures": {"get": {"security": [], "summary": "Search the catalogue (diacritic-insensitive, prefix, exact diacritics first)",
          "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "agency_id", "in": "query", "schema": {"type": "integer"}},
            {"name": "field", "in": "query", "schema": {"type": "string"}}, {"name": "limit", "in": "query", "schema": {"type": "integer"}},
            {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
          "responses": {"200": {"description": "procedures", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}}, "next_cursor": {"type": ["string", "null"]}}}}}},
            "422": {"description": "bad agency_id, limit or cursor"}}}},
        "/api/v1/procedures/{code}": {"get": {"security": [], "summary": "One procedure in full",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "the procedure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Procedure"}}}},
            "404": {"description": "unknown code"}}}},
        "/api/v1/calendar/due": {"get": {"security": [], "summary": "The due date a dossier received at `from` would get",
          "parameters": [{"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date-time"}},
            {"name": "value", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 1}},
            {"name": "unit", "in": "query", "required": true, "schema": {"type": "string", "enum": ["working_days", "working_hours"]}}],
          "responses": {"200": {"description": "start and due", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "start_at": {"type": "string", "format": "date-time"}, "due_at": {"type": "string", "format": "date-time"},
            "time_limit": {"$ref": "#/components/schemas/TimeLimit"}}}}}},
            "422": {"description": "bad parameters (details.fields)"}}}},
        "/api/v1/calendar/{year}": {
          "get": {"security": [], "summary": "A year of the working-day calendar",
            "parameters": [{"name": "year", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "the year", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarYear"}}}},
              "404": {"description": "year outside 2000–2100"}}},
          "put": {"summary": "Replace a year's days and the office hours (admin)",
            "parameters": [{"name": "year", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarYear"}}}},
            "responses": {"200": {"description": "the year as stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarYear"}}}},
              "401": {"description": "not signed in"}, "403": {"description": "not an admin"}, "422": {"description": "validation failed (details.fields)"}}}
        },
        "/api/v1/citizens": {"post": {"security": [], "summary": "Citizen self-registration (username = id_number)",
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
            "required": ["full_name", "id_number", "phone", "password"],
            "properties": {"full_name": {"type": "string"}, "id_number": {"type": "string", "pattern": "^[0-9]{12}$"},
              "phone": {"type": "string"}, "email": {"type": "string"}, "password": {"type": "string", "minLength": 8}}}}}},
          "responses": {"201": {"description": "registered", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
            "409": {"description": "id_number already registered"}, "422": {"description": "validation failed (details.fields)"},
            "429": {"description": "too many attempts from this address"}}}},
        "/api/v1/staff": {
          "get": {"summary": "Staff accounts (agency_admin: own agency; admin: all, or agency_id)",
            "parameters": [{"name": "agency_id", "in": "query", "schema": {"type": "integer"}}, {"name": "limit", "in": "query", "schema": {"type": "integer"}},
              {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "staff", "content": {"application/json": {"schema": {"type": "object", "properties": {
              "items": {"type": "array", "items": {"$ref": "#/components/schemas/StaffMember"}}, "next_cursor": {"type": ["string", "null"]}}}}}},
              "401": {"description": "not signed in"}, "403": {"description": "not an administrator"}}},
          "post": {"summary": "Create a staff account",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
              "required": ["username", "full_name", "password", "role"],
              "properties": {"username": {"type": "string"}, "full_name": {"type": "string"}, "password": {"type": "string", "minLength": 8},
                "role": {"type": "string"}, "agency_id": {"type": "integer"}}}}}},
            "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffMember"}}}},
              "403": {"description": "not an administrator"}, "409": {"description": "username taken"}, "422": {"description": "validation failed"}}}
        },
        "/api/v1/staff/{id}": {"patch": {"summary": "Change a staff account (deactivating ends its sessions)",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
            "full_name": {"type": "string"}, "role": {"type": "string"}, "is_active": {"type": "boolean"}, "password": {"type": "string"}}}}}},
          "responses": {"200": {"description": "changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffMember"}}}},
            "404": {"description": "unknown or outside the caller's agency"}, "422": {"description": "validation failed"}}}},
        "/api/v1/openapi.json": {"get": {"security": [], "summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
      }
    }
    """#
}
