package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/pastein"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/sshterm"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/termbg"
	"codeberg.org/plenary/plenary/ui"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}

func newRootCmd() *cobra.Command {
	var nowFlag string
	var noMouse bool
	root := &cobra.Command{
		Use:   "plenary [DIR]",
		Short: "Agenda, notes and scores for expert group meetings, in the terminal",
		Long: `plenary opens a meeting bundle: a folder with meeting.toml (the meeting,
its delegations and sessions). Without DIR it opens the bundle in the
current folder when there is a meeting.toml here, otherwise the embedded
3rd OECD Expert Group Meeting on Open Government Data (Paris, May 2017).`,
		Example: `  plenary                          # the bundle here, or the embedded 2017 meeting
  plenary ~/meetings/egm-2026      # a bundle on disk
  plenary init --rehearsal r       # the 2017 meeting with illustrative times, then:
  plenary r --now 2017-05-18T13:20 # rehearse: fix the clock in the meeting's time zone
  plenary init my-meeting          # write the embedded bundle as editable files
  plenary check my-meeting         # validate a bundle`,
		Args:          cobra.MaximumNArgs(1),
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runApp(cmd, args, nowFlag, noMouse, false)
		},
	}
	// The app's flags are the app's (and present's): not the other commands'.
	appFlags(root, &nowFlag, &noMouse)
	root.AddCommand(newInitCmd(), newCheckCmd(), newImportCmd(), cli.NewExportCmd(cli.LocalSource()), newPresentCmd(), newServeCmd())
	return root
}

// firstLine is the first line of a message that may hold several (joined
// errors), with a count of the others.
func firstLine(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 1 {
		return fmt.Sprintf("%s (and %d more)", lines[0], len(lines)-1)
	}
	return s
}

// editorCommand is $VISUAL, else $EDITOR, else vi, split into words.
func editorCommand() []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(v)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// parseNow reads --now in the meeting's time zone.
func parseNow(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time (want 2017-05-18T10:30)", s)
}

// runApp opens the bundle in DIR (or the default one) in the TUI; present
// starts in presentation mode.
// appFlags are the flags of the commands that run the app.
func appFlags(cmd *cobra.Command, nowFlag *string, noMouse *bool) {
	cmd.Flags().StringVar(nowFlag, "now", "", "fix the clock at `TIME` (2017-05-18T10:30, in the meeting's time zone)")
	cmd.Flags().BoolVar(noMouse, "no-mouse", false, "do not capture the mouse (keeps the terminal's text selection)")
}

func runApp(cmd *cobra.Command, args []string, nowFlag string, noMouse, present bool) error {
	b, err := bundle.Open(args)
	if err != nil {
		return err
	}
	ld, probs := bundle.Load(b)
	if ld.Meeting == nil {
		// Without a meeting there is nothing to show: say why, outside the TUI.
		bundle.PrintProblems(cmd.ErrOrStderr(), b, probs)
		return &cli.ExitError{Code: 1, Err: fmt.Errorf("%s is not valid (%s above): the app opens once meeting.toml is", b.Label, plural(probs.Errors(), "error"))}
	}
	m := ld.Meeting
	// termenv takes a set CI variable for "not a terminal" and would draw
	// without colour; whether stdout is a terminal is asked of stdout.
	renderer := lipgloss.NewRenderer(os.Stdout, termenv.WithTTY(isTerminal(os.Stdout)))
	// The terminal is asked its background once, here, with a short
	// deadline (termbg); left to itself the renderer would ask again
	// through termenv, which waits 5 s on a terminal that never answers.
	dark := true
	if isTerminal(os.Stdout) {
		dark = termbg.Dark(os.Getenv)
	}
	renderer.SetHasDarkBackground(dark)
	opts := ui.Options{Meeting: m, Scores: ld.Scores, Deck: ld.Deck, Present: present, Source: b.Label, Renderer: renderer}
	if sshterm.NoColor(os.Environ()) {
		// NO_COLOR: no colour, but bold, underline and reverse video still
		// say which tab is open and which row is selected.
		renderer.SetColorProfile(termenv.ANSI)
		opts.NoColor = true
	}
	if !ld.Valid() {
		// Broken scores or deck: open on the agenda with the banner; fixing
		// the file brings them in (live reload).
		opts.Banner = probs.First()
	}
	if b.Dir == "" {
		opts.Status = "The embedded 2017 meeting is read-only; to edit a copy: plenary init DIR (your notes come along)"
	}
	// Exports from the app go to the working folder; ctrl+e in a note runs
	// the person's editor. The program is told both, and reads no environment.
	if opts.WorkDir, err = os.Getwd(); err != nil {
		return cli.UsageErr("the working folder: %v", err)
	}
	opts.Editor = editorCommand()
	if nowFlag != "" {
		t, err := parseNow(nowFlag, m.Location)
		if err != nil {
			return cli.UsageErr("--now: %v", err)
		}
		opts.Now = func() time.Time { return t }
		opts.FixedClock = true
	}
	pl, err := bundle.PersonalPlaces(b, m)
	if err != nil {
		return err
	}
	opts.Notes, opts.Journal, opts.Stars, opts.Floor = pl.Notes, pl.Journal, pl.Stars, pl.Floor
	// Beside a server (plenary serve on this bundle) the notes and the
	// floor are the room's: read-only here, and the banner says so.
	served := func() string {
		if h, ok := room.ServedBy(pl.Notes.Root); ok {
			return h.String()
		}
		return ""
	}
	opts.Served = served()
	opts.Floors, _ = pl.Floor.LoadAll(m.SessionIDs(), m.Codes()) // broken records: plenary check
	opts.Attendance, _ = pl.Floor.LoadAttendance(m.Codes())
	// While this program runs its journals are its own: another run offers
	// them only once this one has ended.
	if release, err := pl.Journal.Claim(); err == nil {
		defer release()
	} else {
		opts.Status = "The recovery journal is off: " + err.Error()
	}
	// A note that cannot be read (a link, a FIFO, a folder in its place,
	// notes/ a file) is left out and named in the banner; the others open.
	var notesErr error
	if opts.Texts, notesErr = pl.Notes.LoadAll(m.SessionIDs()); notesErr != nil && opts.Banner == "" {
		opts.Banner = firstLine(notesErr.Error()) + " — that note is not shown"
	}
	if opts.Starred, err = pl.Stars.Load(); err != nil {
		opts.Status = "Stars not loaded: " + err.Error()
	}
	if b.Dir != "" {
		changes, stopWatch, err := bundle.Watch(b.Dir)
		if err == nil {
			defer stopWatch()
			opts.Changes = changes
			opts.Reload = func() room.Snapshot {
				snap := bundle.Snapshot(b, pl)
				snap.Served = served()
				return snap
			}
		} else {
			opts.Status = "Live reload is off: " + err.Error()
		}
	}
	// Signals are ours, not bubbletea's: SIGTERM and SIGHUP must save
	// the note being typed before the program ends.
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithFPS(120), tea.WithoutSignalHandler()}
	if !noMouse {
		popts = append(popts, tea.WithMouseCellMotion())
	}
	if isTerminal(os.Stdin) {
		// Pastes skip bubbletea's parser (pastein): a 1 MB paste in one pass.
		// (Without a terminal on stdin bubbletea opens /dev/tty itself.)
		in := pastein.NewFile(os.Stdin)
		popts = append(popts, tea.WithInput(in), tea.WithFilter(in.Filter))
		opts.EditorInput = os.Stdin
	}
	p := tea.NewProgram(ui.New(opts), popts...)
	stop := forwardSignals(p)
	final, err := p.Run()
	stop()
	// Whatever ended the program, nothing typed is left unsaved.
	if fm, ok := final.(ui.Model); ok {
		if ferr := fm.Flush(); ferr != nil {
			fmt.Fprintln(cmd.ErrOrStderr(), "plenary:", ferr)
		}
	}
	return err
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
