// Package pool keeps a bounded set of TCP connections to one address.
package pool

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"sync"
)

// Pool hands out at most Size connections at a time.
type Pool struct {
	ID   string
	Addr string
	Size int

	mu     sync.Mutex
	idle   []net.Conn
	inUse  map[net.Conn]bool
	opened int
	slots  chan struct{}
}

// New creates a pool for addr.
func New(addr string, size int) *Pool {
	b := make([]byte, 2)
	_, _ = rand.Read(b)
	p := &Pool{ID: "pool-" + hex.EncodeToString(b), Addr: addr, Size: size,
		inUse: map[net.Conn]bool{}, slots: make(chan struct{}, size)}
	for i := 0; i < size; i++ {
		p.slots <- struct{}{}
	}
	return p
}

// Get returns a connection, waiting for a free slot until ctx is done.
func (p *Pool) Get(ctx context.Context) (net.Conn, error) {
	<-p.slots
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.inUse[c] = true
		return c, nil
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", p.Addr)
	if err != nil {
		p.slots <- struct{}{}
		return nil, fmt.Errorf("[%s] dial %s: %w", p.ID, p.Addr, err)
	}
	p.opened++
	p.inUse[c] = true
	return c, nil
}

// Put gives a connection back.
func (p *Pool) Put(c net.Conn) {
	p.mu.Lock()
	delete(p.inUse, c)
	p.idle = append(p.idle, c)
	p.mu.Unlock()
	p.slots <- struct{}{}
}

// ErrHandler wraps failures of the function passed to Do.
var ErrHandler = errors.New("handler failed")

// Do runs fn with a pooled connection.
func (p *Pool) Do(ctx context.Context, fn func(net.Conn) error) error {
	c, err := p.Get(ctx)
	if err != nil {
		return err
	}
	if err := fn(c); err != nil {
		return fmt.Errorf("%w: %v", ErrHandler, err)
	}
	p.Put(c)
	return nil
}

// InUse reports the connections currently handed out.
func (p *Pool) InUse() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for c := range p.inUse {
		out = append(out, fmt.Sprintf("%s->%s", c.LocalAddr(), c.RemoteAddr()))
	}
	return out
}

// Close closes every idle connection.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.idle {
		c.Close()
	}
	p.idle = nil
}
