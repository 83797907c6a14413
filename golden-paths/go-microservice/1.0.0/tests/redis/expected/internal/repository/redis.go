package repository

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Redis stores each item's name under the key "item:<id>". It speaks the Redis
// protocol (RESP) over one connection itself, so the service needs no client library.
type Redis struct {
	dial func(ctx context.Context) (net.Conn, error)

	mu     sync.Mutex
	conn   net.Conn
	reader *bufio.Reader
}

// NewRedis returns a repository for the Redis server at addr (host:port). It connects
// lazily and reconnects after a failed command.
func NewRedis(addr string) *Redis {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return &Redis{dial: func(ctx context.Context) (net.Conn, error) {
		return dialer.DialContext(ctx, "tcp", addr)
	}}
}

// Get returns the item with the given ID, or ErrNotFound.
func (r *Redis) Get(ctx context.Context, id string) (Item, error) {
	name, found, err := r.do(ctx, "GET", "item:"+id)
	if err != nil {
		return Item{}, err
	}
	if !found {
		return Item{}, ErrNotFound
	}
	return Item{ID: id, Name: name}, nil
}

// Put creates or replaces an item.
func (r *Redis) Put(ctx context.Context, item Item) error {
	_, _, err := r.do(ctx, "SET", "item:"+item.ID, item.Name)
	return err
}

// Ping checks that the server answers PING.
func (r *Redis) Ping(ctx context.Context) error {
	reply, _, err := r.do(ctx, "PING")
	if err == nil && reply != "PONG" {
		err = fmt.Errorf("redis: unexpected PING reply %q", reply)
	}
	return err
}

// Close closes the connection, if one is open.
func (r *Redis) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		return nil
	}
	err := r.conn.Close()
	r.conn, r.reader = nil, nil
	return err
}

// do sends one command and reads its reply: a simple string, an integer or a bulk
// string (found is false for a nil bulk string). Any error drops the connection.
func (r *Redis) do(ctx context.Context, args ...string) (reply string, found bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		conn, err := r.dial(ctx)
		if err != nil {
			return "", false, fmt.Errorf("redis: %w", err)
		}
		r.conn, r.reader = conn, bufio.NewReader(conn)
	}
	defer func() {
		if err != nil && !errors.Is(err, errRedisReply) {
			r.conn.Close()
			r.conn, r.reader = nil, nil
		}
	}()
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(5 * time.Second)
	}
	if err := r.conn.SetDeadline(deadline); err != nil {
		return "", false, err
	}
	var cmd strings.Builder
	fmt.Fprintf(&cmd, "*%d\r\n", len(args))
	for _, arg := range args {
		fmt.Fprintf(&cmd, "$%d\r\n%s\r\n", len(arg), arg)
	}
	if _, err := r.conn.Write([]byte(cmd.String())); err != nil {
		return "", false, err
	}
	return readReply(r.reader)
}

// errRedisReply marks an error the server sent: the connection is still usable.
var errRedisReply = errors.New("redis error reply")

func readReply(reader *bufio.Reader) (string, bool, error) {
	line, err := reader.ReadString('\n')
	if err != nil {
		return "", false, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return "", false, errors.New("redis: empty reply")
	}
	switch kind, rest := line[0], line[1:]; kind {
	case '+', ':':
		return rest, true, nil
	case '-':
		return "", false, fmt.Errorf("%w: %s", errRedisReply, rest)
	case '$':
		size, err := strconv.Atoi(rest)
		if err != nil {
			return "", false, fmt.Errorf("redis: bad bulk length %q", rest)
		}
		if size < 0 {
			return "", false, nil
		}
		buf := make([]byte, size+2)
		if _, err := io.ReadFull(reader, buf); err != nil {
			return "", false, err
		}
		return string(buf[:size]), true, nil
	default:
		return "", false, fmt.Errorf("redis: unsupported reply %q", line)
	}
}
