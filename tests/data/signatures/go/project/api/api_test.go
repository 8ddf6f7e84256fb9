package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/keeper/journal"
)

func TestRejectsBadAmount(t *testing.T) {
	s := &Server{J: journal.New()}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("POST", "/record?account=a&cents=x", nil))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("code = %d, want 400", rec.Code)
	}
}

func TestRecordAfterNightlyRotation(t *testing.T) {
	s := &Server{J: journal.New()}
	for _, path := range []string{"/record?account=ops&cents=100", "/rotate", "/record?account=ops&cents=5"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("POST", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: code %d", path, rec.Code)
		}
	}
}
