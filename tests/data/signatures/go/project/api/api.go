// Package api exposes the journal over HTTP.
package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/keeper/journal"
)

// Server serves /record and /rotate.
type Server struct {
	J *journal.Journal
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/record":
		cents, err := strconv.ParseInt(r.URL.Query().Get("cents"), 10, 64)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		e := s.J.Record(r.URL.Query().Get("account"), cents)
		_ = json.NewEncoder(w).Encode(e)
	case "/rotate":
		_ = json.NewEncoder(w).Encode(map[string]int{"rotated": s.J.Rotate()})
	default:
		http.NotFound(w, r)
	}
}
