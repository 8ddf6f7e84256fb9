package journal

import (
	"fmt"
	"testing"
	"time"
)

func TestRecordUpdatesBalance(t *testing.T) {
	j := New()
	j.Record("acct-1", 500)
	j.Record("acct-1", -200)
	if got := j.Balance("acct-1"); got != 300 {
		t.Errorf("balance = %d, want 300", got)
	}
}

func TestRecordAfterRotate(t *testing.T) {
	j := New()
	acct := fmt.Sprintf("acct-%d", time.Now().UnixNano())
	j.Record(acct, 1000)
	j.Rotate()
	j.Record(acct, 250)
	if got := j.Balance(acct); got != 1250 {
		t.Errorf("balance = %d, want 1250", got)
	}
}
