package emulator

import (
	"net"
	"sync"
)

// capListener holds at most max connections open at once. One more is
// accepted and closed at once: the client sees a clean close, never a hang,
// and the process never runs out of file descriptors, so the other ports
// keep accepting.
type capListener struct {
	net.Listener
	slots chan struct{}
	// refused counts connections closed for being over the cap.
	onRefuse func()
}

func newCapListener(l net.Listener, max int, onRefuse func()) *capListener {
	return &capListener{Listener: l, slots: make(chan struct{}, max), onRefuse: onRefuse}
}

// Accept waits for a connection within the cap.
func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &slotConn{Conn: c, free: func() { <-l.slots }}, nil
		default:
			_ = c.Close()
			if l.onRefuse != nil {
				l.onRefuse()
			}
		}
	}
}

// slotConn gives its slot back when closed, once.
type slotConn struct {
	net.Conn
	once sync.Once
	free func()
}

func (c *slotConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}

// NetConn is the connection underneath (a reset fault sets SO_LINGER on it).
func (c *slotConn) NetConn() net.Conn { return c.Conn }
