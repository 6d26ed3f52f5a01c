package baltest

import "net/http"

// routeDirekt adds the Direkt read services. They are served from the same
// store as the update services, in the wire formats of the read side.
func (s *Server) routeDirekt(mux *http.ServeMux) {}
