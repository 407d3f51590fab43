package room

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
)

func TestLocks(t *testing.T) {
	r := New(&Snapshot{})
	lucia := r.Join("lucia")
	if _, ok := r.Lock("s1", "lucia"); !ok {
		t.Fatal("a free note was not given")
	}
	if h, ok := r.Lock("s1", "ahmed"); ok || h != "lucia" {
		t.Fatalf("a held note was given: %q %v", h, ok)
	}
	// Lucía's second terminal, or her reconnection, takes it at once.
	again := r.Join("lucia")
	if _, ok := r.Lock("s1", "lucia"); !ok {
		t.Fatal("the same person was refused")
	}
	lucia.Leave()
	if _, ok := r.Lock("s1", "ahmed"); ok {
		t.Fatal("the note was freed while Lucía is still connected elsewhere")
	}
	again.Leave()
	if _, ok := r.Lock("s1", "ahmed"); !ok {
		t.Fatal("Lucía left, yet the note is not free")
	}
	r.Unlock("s1", "lucia") // not hers: nothing happens
	if r.State().Locks["s1"] != "ahmed" {
		t.Fatal("someone else's unlock freed the note")
	}
}

// TestWakeNeverBlocks: a program that never looks (a stalled client) does
// not hold the room up, and when it looks it finds the newest state.
func TestWakeNeverBlocks(t *testing.T) {
	r := New(&Snapshot{})
	stalled := r.Join("guest")
	for i := range 1000 {
		r.PutNote("s1", "guest", agenda.Note{Text: fmt.Sprint(i)})
	}
	<-stalled.Wake()
	if got := r.State().Snapshot.Texts["s1"].Text; got != "999" {
		t.Fatalf("newest state %q", got)
	}
	select {
	case <-stalled.Wake():
		t.Fatal("woken twice for one look")
	default:
	}
}

// TestStatesAreNeverChanged: programs read states while the room changes
// them (go test -race checks nothing is written under a reader).
func TestStatesAreNeverChanged(t *testing.T) {
	r := New(&Snapshot{Texts: map[string]agenda.Note{}})
	var wg sync.WaitGroup
	for p := range 8 {
		m := r.Join(fmt.Sprint("p", p))
		wg.Go(func() {
			for i := range 200 {
				r.PutNote(fmt.Sprint("s", i%5), m.Person, agenda.Note{Text: m.Person})
				r.Lock(fmt.Sprint("s", i%3), m.Person)
				st := r.State()
				_ = len(st.Snapshot.Texts) + len(st.Locks)
				for range st.Snapshot.Texts {
				}
				for range st.Locks {
				}
				r.Unlock(fmt.Sprint("s", i%3), m.Person)
			}
			m.Leave()
		})
	}
	wg.Wait()
	if n := r.Members(); n != 0 || len(r.State().Locks) != 0 {
		t.Errorf("%d members, locks %v", n, r.State().Locks)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Lucía Pérez": "p-lucia-perez", "Ahmed O'Neil": "p-ahmed-o-neil", "김민준": "p-0b46d03b0b"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPresenterGrace: the presentation outlives a dropped presenter for the
// grace period, marked away; the presenter's program presenting again takes
// it back; a second absence gets its own full grace period; staying away
// ends it; another secretariat member may take over meanwhile.
func TestPresenterGrace(t *testing.T) {
	r := New(&Snapshot{})
	r.Grace = 100 * time.Millisecond
	ana := r.Join("ana")
	view := r.Join("ana") // her presenter view: it does not hold the room
	if _, ok := ana.Present("Ana", Showing{Count: 3}, false); !ok {
		t.Fatal("not presenting")
	}
	bo := r.Join("bo")
	if _, ok := bo.Present("Bo", Showing{}, false); ok {
		t.Fatal("a second presenter took the room without asking")
	}
	ana.Leave()
	if sh := r.State().Showing; sh == nil || !sh.Away {
		t.Fatalf("the presenter's drop is not shown: %+v", sh)
	}
	time.Sleep(60 * time.Millisecond)
	back := r.Join("ana") // within the grace period
	if _, ok := back.Present("Ana", Showing{Index: 1, Count: 3}, false); !ok {
		t.Fatal("the presenter could not take her presentation back")
	}
	if sh := r.State().Showing; sh == nil || sh.Away || sh.Index != 1 {
		t.Fatalf("after the return: %+v", sh)
	}
	time.Sleep(60 * time.Millisecond) // the first absence's grace period ends
	back.Leave()                      // and a second absence begins
	time.Sleep(60 * time.Millisecond)
	if r.State().Showing == nil {
		t.Fatal("the first absence's grace period ended the second")
	}
	time.Sleep(100 * time.Millisecond)
	if r.State().Showing != nil {
		t.Fatal("the presentation outlived its presenter (her presenter view does not keep it)")
	}
	view.Leave()
	again := r.Join("ana")
	again.Present("Ana", Showing{}, false)
	again.Leave()
	if who, ok := bo.Present("Bo", Showing{}, true); !ok || who != "Bo" {
		t.Fatal("a takeover during the grace period was refused")
	}
	time.Sleep(150 * time.Millisecond)
	if sh := r.State().Showing; sh == nil || sh.Presenter != "bo" {
		t.Fatalf("Ana's grace period ended Bo's presentation: %+v", sh)
	}
}

// TestJoinSeesTheRoom: a program joining wakes at once, to find what is
// presented without waiting for the next change.
func TestJoinSeesTheRoom(t *testing.T) {
	r := New(&Snapshot{})
	select {
	case <-r.Join("bo").Wake():
	default:
		t.Fatal("a program joining waits for the next change to see the room")
	}
}

// TestLeaveEndsTheWait: a program that has left stops waiting for the
// room at once (its goroutine once waited for the room's next change, which
// in a quiet room might never come); leaving twice is harmless.
func TestLeaveEndsTheWait(t *testing.T) {
	r := New(&Snapshot{})
	m := r.Join("bo")
	<-m.Wake()
	ended := make(chan struct{})
	go func() {
		select {
		case <-m.Wake():
		case <-m.Left():
		}
		close(ended)
	}()
	m.Leave()
	m.Leave()
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("a program that left still waits for the room")
	}
}

// TestReloadKeepsTheFloor: a bundle read from disk while a floor record's
// save is on its way holds the older record; the room keeps its own (a
// delegate's screen once went back to the list before the floor was
// given). Saves run one at a time, each with the newest record.
func TestReloadKeepsTheFloor(t *testing.T) {
	r := New(&Snapshot{})
	if _, err := r.ChangeFloor("s1", "chair", func(l *floor.Log) error { l.Open(time.Now()); return nil }); err != nil {
		t.Fatal(err)
	}
	r.ChangeAttendance("chair", func(floor.Attendance) {})
	before := r.State().Snapshot
	r.SetSnapshot(&Snapshot{Texts: map[string]agenda.Note{"s1": {Text: "x"}}}, "")
	after := r.State().Snapshot
	if after.Floors["s1"] == nil || !after.Floors["s1"].IsOpen() || after.Texts["s1"].Text != "x" {
		t.Errorf("the reload took the floor from the disk: %+v", after)
	}
	if len(after.Present) != len(before.Present) {
		t.Errorf("the reload changed the attendance")
	}
	var saved []*floor.Log
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.SaveFloor("s1", func(l *floor.Log, _ string) (string, error) { saved = append(saved, l); return "v", nil })
		}()
	}
	wg.Wait()
	if len(saved) != 8 || saved[7] != r.State().Snapshot.Floors["s1"] {
		t.Errorf("the last save did not write the newest record")
	}
}
