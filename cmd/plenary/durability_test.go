package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// killRounds is how many times TestEndToEndKillWhileTyping kills the
// binary: 3 in a plain go test (each round takes 3 s), 20 in CI.
var killRounds = flag.Int("kill-rounds", 3, "rounds of kill -9 in TestEndToEndKillWhileTyping (CI: 20)")

// TestEndToEndKillWhileTyping types into a note in the real binary and
// kills it with SIGKILL at random moments, 3 times (20 in CI: -kill-rounds). After each kill the
// note file must hold a state the editor really had (the old text plus a
// prefix of what was typed), never a torn one; and after a restart, the
// recovery restores everything typed up to a second before the kill.
func TestEndToEndKillWhileTyping(t *testing.T) {
	if testing.Short() {
		t.Skip("rounds of kill -9")
	}
	bin := binary(t)
	tmp := t.TempDir()
	dir := newBundle(t)
	env := fmt.Sprintf("XDG_DATA_HOME=%s XDG_STATE_HOME=%s", filepath.Join(tmp, "data"), filepath.Join(tmp, "state"))
	note := filepath.Join(dir, "notes", "where-do-we-stand.md")
	rng := rand.New(rand.NewPCG(2017, 5))
	base := ""
	for round := 1; round <= *killRounds; round++ {
		s := startTmux(t, 100, 30, "env "+env+" "+bin+" "+dir)
		s.waitFor("Where do we stand?")
		s.keys("e")
		s.waitFor("Notes · 1 Where do we stand?")
		pid := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "main", "#{pane_pid}"))

		// Type chunks every 100 ms, remembering when each was sent.
		typed := ""
		type sent struct {
			upto int
			at   time.Time
		}
		var log []sent
		if base != "" {
			s.keys("Enter")
			typed = "\n"
			log = append(log, sent{len(typed), time.Now()})
		}
		// Typing lasts up to 6 s, so that saves (a second after a pause,
		// every 5 s while typing) happen around the kill; half the rounds
		// pause in the middle.
		start := time.Now()
		killAt := start.Add(time.Duration(300+rng.IntN(5700)) * time.Millisecond)
		pauseAt := time.Duration(-1)
		if rng.IntN(2) == 0 {
			pauseAt = time.Duration(rng.IntN(3000)) * time.Millisecond
		}
		for i := 0; time.Now().Before(killAt); i++ {
			if pauseAt >= 0 && time.Since(start) > pauseAt {
				time.Sleep(1300 * time.Millisecond)
				pauseAt = -1
				continue
			}
			chunk := fmt.Sprintf("r%d-w%d ", round, i)
			s.tmux("send-keys", "-t", "main", "-l", chunk)
			typed += chunk
			log = append(log, sent{len(typed), time.Now()})
			time.Sleep(100 * time.Millisecond)
		}
		if err := exec.Command("kill", "-9", pid).Run(); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		killed := time.Now()
		time.Sleep(100 * time.Millisecond)

		// Notes are saved with a final newline, which the editor does not show.
		raw, _ := os.ReadFile(note)
		got := strings.TrimSuffix(string(raw), "\n")
		if !strings.HasPrefix(string(got), base) || !strings.HasPrefix(typed, string(got)[len(base):]) {
			t.Fatalf("round %d: torn or unknown note after kill -9:\n%q\nbase %q\ntyped %q", round, got, base, typed)
		}

		// What must survive: everything sent a second (and a little for the
		// terminal to deliver it) before the kill.
		must := 0
		for _, l := range log {
			if l.at.Before(killed.Add(-time.Second - 100*time.Millisecond)) {
				must = l.upto
			}
		}
		exec.Command("tmux", "-L", s.socket, "kill-server").Run()

		// Restart: recover if offered, then leave the editor (which saves).
		s = startTmux(t, 100, 30, "env "+env+" "+bin+" "+dir)
		// The journal is read just after the first frame: wait until the app
		// either offers it back or has removed it (it matched the note).
		journals := filepath.Join(tmp, "state", "plenary", "*", "*", "*.journal")
		scr := s.waitUntil("the recovery offer or the agenda", 10*time.Second, func(scr string) bool {
			left, _ := filepath.Glob(journals)
			return strings.Contains(scr, "Unsaved notes were found") || (strings.Contains(scr, "e edit notes") && len(left) == 0)
		})
		if strings.Contains(scr, "Unsaved notes were found") {
			s.keys("r")
			s.waitFor("Notes · 1 Where do we stand?")
			s.keys("Escape")
		}
		s.waitFor("e edit notes")
		s.keys("q")
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if out, _ := exec.Command("tmux", "-L", s.socket, "list-panes", "-F", "#{pane_dead}").Output(); len(out) == 0 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		exec.Command("tmux", "-L", s.socket, "kill-server").Run()

		after, _ := os.ReadFile(note)
		text := strings.TrimSuffix(string(after), "\n")
		if !strings.HasPrefix(text, base) || !strings.HasPrefix(typed, text[len(base):]) {
			t.Fatalf("round %d: note after recovery is not the old text plus what was typed:\n%q", round, text)
		}
		if kept := len(text) - len(base); kept < must {
			t.Fatalf("round %d: lost typing: kept %d of %d bytes typed more than a second before the kill\nnote %q\ntyped %q",
				round, kept, must, text[len(base):], typed)
		}
		t.Logf("round %d: killed after %s; %d bytes typed, %d on disk at the kill, %d after recovery (needed %d)",
			round, killed.Sub(start).Round(time.Millisecond), len(typed), len(got)-len(base), len(text)-len(base), must)
		base = text
	}
}
