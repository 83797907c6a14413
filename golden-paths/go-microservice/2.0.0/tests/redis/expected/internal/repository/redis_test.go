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
	"testing"
)

// fakeRedis answers PING, GET and SET on one end of an in-memory pipe.
func fakeRedis(t *testing.T, conn net.Conn) {
	t.Helper()
	store := map[string]string{}
	reader := bufio.NewReader(conn)
	go func() {
		defer conn.Close()
		for {
			args, err := readCommand(reader)
			if err != nil {
				return
			}
			var reply string
			switch strings.ToUpper(args[0]) {
			case "PING":
				reply = "+PONG\r\n"
			case "SET":
				store[args[1]] = args[2]
				reply = "+OK\r\n"
			case "GET":
				value, ok := store[args[1]]
				if !ok {
					reply = "$-1\r\n"
				} else {
					reply = fmt.Sprintf("$%d\r\n%s\r\n", len(value), value)
				}
			default:
				reply = "-ERR unknown command\r\n"
			}
			if _, err := io.WriteString(conn, reply); err != nil {
				return
			}
		}
	}()
}

func readCommand(reader *bufio.Reader) ([]string, error) {
	header, err := reader.ReadString('\n')
	if err != nil {
		return nil, err
	}
	count, err := strconv.Atoi(strings.TrimSpace(header[1:]))
	if err != nil {
		return nil, err
	}
	args := make([]string, count)
	for i := range args {
		if _, err := reader.ReadString('\n'); err != nil {
			return nil, err
		}
		value, err := reader.ReadString('\n')
		if err != nil {
			return nil, err
		}
		args[i] = strings.TrimSuffix(value, "\r\n")
	}
	return args, nil
}

func TestRedisPutGet(t *testing.T) {
	repo := &Redis{dial: func(context.Context) (net.Conn, error) {
		client, server := net.Pipe()
		fakeRedis(t, server)
		return client, nil
	}}
	defer repo.Close()
	ctx := context.Background()

	if err := repo.Ping(ctx); err != nil {
		t.Fatalf("Ping = %v", err)
	}
	if _, err := repo.Get(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of a missing key: err = %v, want ErrNotFound", err)
	}
	if err := repo.Put(ctx, Item{ID: "a", Name: "first item"}); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Get(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got != (Item{ID: "a", Name: "first item"}) {
		t.Errorf("Get = %+v", got)
	}
}

func TestRedisReportsDialFailure(t *testing.T) {
	repo := &Redis{dial: func(context.Context) (net.Conn, error) {
		return nil, errors.New("connection refused")
	}}
	if err := repo.Ping(context.Background()); err == nil {
		t.Fatal("Ping succeeded without a server")
	}
}
