/// The served API as OpenAPI 3.1 (`GET /api/v1/openapi.json`); kept beside the routes and
/// checked by a test against the route table, so the two cannot drift apart unnoticed.
enum OpenAPIDocument {
    /// Paths and methods documented here; a test compares them with the router.
    static let operations: [(method: String, path: String)] = [
        ("get", "/healthz"),
        ("post", "/api/v1/session"),
        ("delete", "/api/v1/session"),
        ("post", "/api/v1/dossiers"),
        ("get", "/api/v1/dossiers"),
        ("get", "/api/v1/dossiers/{code}"),
        ("post", "/api/v1/dossiers/{code}/actions"),
        ("post", "/api/v1/dossiers/{code}/documents"),
        ("get", "/api/v1/documents/{id}"),
        ("get", "/api/v1/track/{code}"),
        ("post", "/api/v1/dossiers/{code}/rating"),
        ("post", "/api/v1/feedback"),
        ("get", "/api/v1/feedback"),
        ("post", "/api/v1/feedback/{id}/answer"),
        ("get", "/api/v1/stats/summary"),
        ("get", "/api/v1/events"),
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
              "version": {"type": "integer"}, "delivered_via": {"type": ["string", "null"], "enum": ["counter", "postal", "online", null]},
              "documents": {"type": "array", "items": {"type": "object"}},
              "result": {"type": ["object", "null"]},
              "events": {"type": "array", "items": {"type": "object", "properties": {
                "seq": {"type": "integer"}, "at": {"type": "string"}, "action": {"type": "string"},
                "actor": {"type": "object"}, "from_status": {"type": ["string", "null"]}, "to_status": {"type": "string"},
                "note": {"type": ["string", "null"]}}}}}
          },
          "DossierAction": {
            "type": "object", "required": ["action"],
            "properties": {"action": {"type": "string", "enum": ["accept", "request_supplement", "supplement", "refuse", "assign",
                "forward", "transfer", "complete", "deliver", "apologize", "withdraw"]},
              "note": {"type": "string"}, "version": {"type": "integer", "description": "alternative to If-Match"},
              "missing": {"type": "array", "items": {"type": "string"}, "description": "request_supplement: names from the procedure's documents"},
              "reason": {"type": "string", "description": "refuse, apologize, withdraw"},
              "user_id": {"type": "integer", "description": "assign, forward"}, "agency_id": {"type": "integer", "description": "transfer"},
              "result": {"type": "object", "required": ["summary"], "properties": {"summary": {"type": "string"}, "number": {"type": "string"}}},
              "via": {"type": "string", "enum": ["counter", "postal", "online"]},
              "new_due_at": {"type": "string", "format": "date-time", "description": "apologize"}}
          },
          "Document": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
              "content_type": {"type": "string", "enum": ["application/pdf", "image/jpeg", "image/png"]},
              "size": {"type": "integer"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
          },
          "Feedback": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "content": {"type": "string"},
              "contact": {"type": "object", "properties": {"full_name": {"type": "string"}, "phone": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"]}}},
              "dossier_code": {"type": ["string", "null"]}, "agency_id": {"type": ["integer", "null"]},
              "status": {"type": "string", "enum": ["open", "answered"]}, "answer": {"type": ["string", "null"]},
              "publish": {"type": "boolean"}, "created_at": {"type": "string"}, "answered_at": {"type": ["string", "null"]}}
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
        "/api/v1/dossiers": {"get": {"summary": "The caller's worklist, soonest due first",
          "parameters": [{"name": "status", "in": "query", "description": "comma-separated statuses; default the unfinished ones", "schema": {"type": "string"}},
            {"name": "agency_id", "in": "query", "schema": {"type": "integer"}},
            {"name": "timing", "in": "query", "schema": {"type": "string", "enum": ["within", "overdue", "early", "on_time", "late"]}},
            {"name": "due_before", "in": "query", "schema": {"type": "string"}},
            {"name": "q", "in": "query", "description": "code prefix, CCCD number or part of the applicant's name", "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
            {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
          "responses": {"200": {"description": "a page", "content": {"application/json": {"schema": {"type": "object",
            "properties": {"items": {"type": "array", "items": {"type": "object"}}, "next_cursor": {"type": ["string", "null"]}}}}}},
            "401": {"description": "not signed in"}, "403": {"description": "integration role"}, "422": {"description": "bad filter, limit or cursor"}}},
          "post": {"summary": "Submit (citizen, online) or receive (counter officer)",
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewDossier"}},
            "multipart/form-data": {"schema": {"type": "object", "required": ["dossier"], "properties": {
              "dossier": {"type": "string", "contentMediaType": "application/json", "description": "NewDossier as JSON"},
              "documents": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}}}}}}},
          "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}}},
            "400": {"description": "malformed JSON"}, "401": {"description": "not signed in"}, "403": {"description": "role may not submit"},
            "413": {"description": "over a size limit (25 MiB body, 10 MiB per file, 1 MiB JSON)"},
            "415": {"description": "not JSON or multipart; a file not PDF, JPEG or PNG"}, "422": {"description": "validation failed (details.fields)"}}}},
        "/api/v1/dossiers/{code}": {"get": {"summary": "A dossier with documents and events",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "the dossier", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}}},
            "401": {"description": "not signed in"}, "404": {"description": "unknown or not visible to the caller"}}}},
        "/api/v1/dossiers/{code}/actions": {"post": {"summary": "Take one action of the dossier state machine",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}},
            {"name": "If-Match", "in": "header", "schema": {"type": "string"}, "description": "\"v<version>\" from the ETag; a stale one is 409 conflict"}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DossierAction"}}}},
          "responses": {"200": {"description": "the dossier after the action (header ETag: \"v<version>\")",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dossier"}}}},
            "400": {"description": "malformed JSON or If-Match"}, "401": {"description": "not signed in"},
            "403": {"description": "visible, but this role may not take the action"},
            "404": {"description": "unknown or not visible to the caller"},
            "409": {"description": "invalid_transition (details.allowed_actions) or conflict (stale version, second apology or supplement request)"},
            "415": {"description": "not JSON"}, "422": {"description": "validation failed (details.fields)"}}}},
        "/api/v1/dossiers/{code}/documents": {"post": {"summary": "Attach documents (applicant or processing staff; PDF, JPEG, PNG by content; 10 MiB per file, 50 MiB per dossier, 25 MiB per request)",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
          "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object",
            "properties": {"documents": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}}}}}}},
          "responses": {"201": {"description": "stored", "content": {"application/json": {"schema": {"type": "object",
              "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}}}}}},
            "401": {"description": "not signed in"}, "403": {"description": "read-only role"}, "404": {"description": "unknown or not visible"},
            "409": {"description": "dossier finished"}, "413": {"description": "over a size limit"},
            "415": {"description": "not PDF, JPEG or PNG"}, "422": {"description": "no file"}}}},
        "/api/v1/documents/{id}": {"get": {"summary": "Download a document (attachment)",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "responses": {"200": {"description": "the file", "content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}},
            "401": {"description": "not signed in"}, "404": {"description": "unknown or dossier not visible"}}}},
        "/api/v1/track/{code}": {"get": {"security": [], "summary": "Public tracking by code and the applicant's CCCD number",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}},
            {"name": "id_number", "in": "query", "required": true, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "status without personal data", "content": {"application/json": {"schema": {"type": "object",
              "properties": {"code": {"type": "string"}, "procedure_name": {"type": "string"}, "status": {"type": "string"},
                "received_at": {"type": ["string", "null"]}, "due_at": {"type": ["string", "null"]}, "timing": {"type": ["string", "null"]},
                "steps": {"type": "array", "items": {"type": "object", "properties": {"at": {"type": "string"}, "action": {"type": "string"}}}}}}}}},
            "404": {"description": "unknown code or number not the applicant's"}, "422": {"description": "id_number missing"},
            "429": {"description": "too many wrong guesses from this address"}}}},
        "/api/v1/dossiers/{code}/rating": {"post": {"security": [{"bearer": []}, {"cookie": []}, {}],
          "summary": "Rate a returned dossier (the applicant: signed in, or id_number in the body)",
          "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["criteria"],
            "properties": {"id_number": {"type": "string"}, "comment": {"type": "string"}, "criteria": {"type": "object",
              "required": ["contacts", "organisations", "attitude", "satisfied"],
              "properties": {"contacts": {"type": "integer", "enum": [0, 1, 2]}, "organisations": {"type": "integer", "enum": [0, 1, 2]},
                "attitude": {"type": "integer", "enum": [0, 1, 2]}, "satisfied": {"type": "boolean"}}}}}}}},
          "responses": {"201": {"description": "recorded"}, "404": {"description": "not the applicant"},
            "409": {"description": "invalid_transition: not returned yet; conflict: already rated"},
            "422": {"description": "missing or out-of-range criterion"}, "429": {"description": "too many wrong id_number guesses"}}}},
        "/api/v1/feedback": {
          "post": {"security": [], "summary": "Send feedback (phản ánh, kiến nghị); no login; rate-limited per address",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["content", "contact"],
              "properties": {"content": {"type": "string"}, "contact": {"type": "object", "required": ["full_name"],
                "properties": {"full_name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}}},
                "dossier_code": {"type": "string"}, "agency_id": {"type": "integer"}}}}}},
            "responses": {"201": {"description": "received", "content": {"application/json": {"schema": {"type": "object",
                "properties": {"id": {"type": "integer"}, "status": {"type": "string", "enum": ["open"]}}}}}},
              "422": {"description": "validation failed"}, "429": {"description": "too many from this address"}}},
          "get": {"summary": "Feedback concerning the caller's agency (all for province_monitor, admin)",
            "parameters": [{"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "answered"]}},
              {"name": "limit", "in": "query", "schema": {"type": "integer"}}, {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "list", "content": {"application/json": {"schema": {"type": "object",
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Feedback"}},
                  "next_cursor": {"type": ["string", "null"]}}}}}},
              "401": {"description": "not signed in"}, "403": {"description": "not staff"}, "422": {"description": "bad status"}}}
        },
        "/api/v1/feedback/{id}/answer": {"post": {"summary": "Answer feedback (staff of the agency concerned, admin)",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["answer", "publish"],
            "properties": {"answer": {"type": "string"}, "publish": {"type": "boolean"}}}}}},
          "responses": {"200": {"description": "answered", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feedback"}}}},
            "403": {"description": "another agency's staff or read-only role"}, "404": {"description": "unknown or not visible"},
            "409": {"description": "already answered"}, "422": {"description": "validation failed"}}}},
        "/api/v1/stats/summary": {"get": {"summary": "Dashboard figures",
          "parameters": [{"name": "from", "in": "query", "schema": {"type": "string"}}, {"name": "to", "in": "query", "schema": {"type": "string"}},
            {"name": "agency_id", "in": "query", "schema": {"type": "integer"}}],
          "responses": {"200": {"description": "summary", "content": {"application/json": {"schema": {"allOf": [
            {"$ref": "#/components/schemas/Counts"},
            {"type": "object", "properties": {"from": {"type": "string"}, "to": {"type": "string"},
              "by_agency": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Counts"},
                {"type": "object", "properties": {"agency_id": {"type": "integer"}, "agency_name": {"type": "string"}}}]}}}}]}}}},
            "403": {"description": "citizens"}, "422": {"description": "bad period"}}}},
        "/api/v1/events": {"get": {"summary": "Audit events in commit order, gap-free, for the national portal's sync (integration, province_monitor, admin)",
          "parameters": [{"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}],
          "responses": {"200": {"description": "events after `after`", "content": {"application/json": {"schema": {"type": "object",
            "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
              "seq": {"type": "integer"}, "at": {"type": "string"}, "dossier_code": {"type": "string"}, "action": {"type": "string"},
              "from_status": {"type": ["string", "null"]}, "to_status": {"type": "string"},
              "national_status": {"type": "integer", "minimum": 1, "maximum": 10}, "agency_id": {"type": "integer"}}}},
              "next_after": {"type": "integer"}}}}}},
            "401": {"description": "not signed in"}, "403": {"description": "other roles"}, "422": {"description": "bad after or limit"}}}},
        "/api/v1/openapi.json": {"get": {"security": [], "summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
      }
    }
    """#
}
