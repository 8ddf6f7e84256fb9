package pool

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

// startServer listens on an ephemeral loopback port and accepts forever.
func startServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				buf := make([]byte, 64)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// newPool creates a pool and checks at the end of the test that nothing leaked.
func newPool(t *testing.T, size int) *Pool {
	p := New(startServer(t), size)
	t.Cleanup(func() {
		if leaked := p.InUse(); len(leaked) > 0 {
			t.Errorf("[%s] %d connection(s) still in use after test: %v", p.ID, len(leaked), leaked)
		}
		p.Close()
	})
	return p
}

// getWithin calls Get under a deadline and fails the test if Get overruns it.
func getWithin(t *testing.T, p *Pool, d time.Duration) (net.Conn, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	type result struct {
		c   net.Conn
		err error
	}
	done := make(chan result, 1)
	started := time.Now()
	go func() {
		c, err := p.Get(ctx)
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		return r.c, r.err
	case <-time.After(d + 250*time.Millisecond):
		t.Fatalf("[%s] Get(%s) still blocked %v after its %v deadline (%d/%d in use)",
			p.ID, p.Addr, time.Since(started).Round(time.Millisecond), d, len(p.InUse()), p.Size)
		return nil, nil
	}
}

// newBarePool creates a pool without the leak check, for tests that hold connections.
func newBarePool(t *testing.T, size int) *Pool {
	p := New(startServer(t), size)
	t.Cleanup(p.Close)
	return p
}

func TestGetAndPut(t *testing.T) {
	p := newPool(t, 2)
	c, err := getWithin(t, p, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p.Put(c)
}

func TestGetHonoursDeadlineWhenExhausted(t *testing.T) {
	p := newBarePool(t, 1)
	c, _ := getWithin(t, p, time.Second)
	defer p.Put(c)
	if _, err := getWithin(t, p, 100*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get on exhausted pool: err = %v, want deadline exceeded", err)
	}
}

func TestGetHonoursCancel(t *testing.T) {
	p := newBarePool(t, 2)
	a, _ := getWithin(t, p, time.Second)
	b, _ := getWithin(t, p, time.Second)
	defer p.Put(a)
	defer p.Put(b)
	_, err := getWithin(t, p, 150*time.Millisecond)
	if err == nil {
		t.Error("expected an error from a full pool")
	}
}

func TestRequestDeadlinePropagates(t *testing.T) {
	p := newBarePool(t, 3)
	var held []net.Conn
	for i := 0; i < 3; i++ {
		c, _ := getWithin(t, p, time.Second)
		held = append(held, c)
	}
	defer func() {
		for _, c := range held {
			p.Put(c)
		}
	}()
	if _, err := getWithin(t, p, 50*time.Millisecond); err == nil {
		t.Error("expected deadline error")
	}
}

func TestDoReturnsHandlerError(t *testing.T) {
	p := newPool(t, 2)
	err := p.Do(context.Background(), func(c net.Conn) error {
		return fmt.Errorf("write %s: broken pipe", c.RemoteAddr())
	})
	if !errors.Is(err, ErrHandler) {
		t.Errorf("err = %v, want ErrHandler", err)
	}
}

func TestDoWritesRequest(t *testing.T) {
	p := newPool(t, 1)
	err := p.Do(context.Background(), func(c net.Conn) error {
		_, err := c.Write([]byte("PING\n"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDoHandlerTimeout(t *testing.T) {
	p := newPool(t, 2)
	_ = p.Do(context.Background(), func(c net.Conn) error {
		_ = c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		_, err := c.Read(make([]byte, 1))
		return err
	})
}

func TestDoManyHandlersFailing(t *testing.T) {
	p := newPool(t, 4)
	for i := 0; i < 3; i++ {
		_ = p.Do(context.Background(), func(net.Conn) error { return fmt.Errorf("status %d", 500+i) })
	}
}
