package room

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestClaimBundle: one server per bundle; a second is refused and told
// which; a look sees the server; released (or killed: no lock), the
// bundle is free.
func TestClaimBundle(t *testing.T) {
	dir := t.TempDir()
	if _, served := ServedBy(dir); served {
		t.Fatal("a fresh bundle is served")
	}
	first := Holder{PID: 4242, Addr: "[::]:2222", Since: time.Date(2017, 5, 18, 9, 0, 0, 0, time.UTC)}
	c, err := ClaimBundle(dir, first)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ClaimBundle(dir, Holder{PID: 1})
	var served *ErrServed
	if !errors.As(err, &served) || served.By.PID != 4242 || !strings.Contains(err.Error(), "pid 4242 on [::]:2222") {
		t.Fatalf("a second claim: %v", err)
	}
	if h, ok := ServedBy(dir); !ok || h.Addr != "[::]:2222" {
		t.Fatalf("ServedBy = %v %v", h, ok)
	}
	c.Release()
	if _, ok := ServedBy(dir); ok {
		t.Fatal("still served after Release")
	}
	// A file left by a killed server holds no lock: the bundle is free.
	os.WriteFile(filepath.Join(dir, ClaimFile), []byte("pid = 1\n"), 0o644)
	if _, ok := ServedBy(dir); ok {
		t.Fatal("a stale file reads as served")
	}
	c2, err := ClaimBundle(dir, Holder{PID: 7})
	if err != nil {
		t.Fatalf("claim over a stale file: %v", err)
	}
	c2.Release()
}

// TestClaimRefusesLinks: the claim file is never a link planted to make
// the server write elsewhere.
func TestClaimRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(target, []byte("precious\n"), 0o644)
	if err := os.Symlink(target, filepath.Join(dir, ClaimFile)); err != nil {
		t.Skip(err)
	}
	if c, err := ClaimBundle(dir, Holder{PID: 1}); err == nil {
		c.Release()
		t.Fatal("claimed through a link")
	}
	if b, _ := os.ReadFile(target); string(b) != "precious\n" {
		t.Fatalf("the link's target was written: %q", b)
	}
}
