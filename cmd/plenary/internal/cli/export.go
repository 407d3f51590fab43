package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/record"
	"codeberg.org/plenary/plenary/agenda/schedule"
	"codeberg.org/plenary/plenary/data/chart"
)

// NewExportCmd is the export commands, reading src: the same commands on
// the command line and over SSH (src.check allows or refuses each).
func NewExportCmd(src Source) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export data from a bundle",
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return src.check(cmd)
		},
	}
	cmd.AddCommand(newExportScoresCmd(src), newExportReportCmd(src), newExportICSCmd(src), newExportJSONCmd(src),
		newExportScheduleCmd(src, "schedule-xml", schedule.WriteXML), newExportScheduleCmd(src, "schedule-json", schedule.WriteJSON), newExportChartCmd(src))
	return cmd
}

// LoadForExport loads a valid bundle and its notes (from the bundle's
// notes/ or, for the embedded meeting, the personal folder).
func LoadForExport(cmd *cobra.Command, args []string) (bundle.Bundle, bundle.Loaded, bundle.Places, map[string]agenda.Note, error) {
	b, err := bundle.Open(args)
	if err != nil {
		return b, bundle.Loaded{}, bundle.Places{}, nil, err
	}
	ld, probs := bundle.Load(b)
	if !ld.Valid() {
		bundle.PrintProblems(cmd.ErrOrStderr(), b, probs)
		return b, ld, bundle.Places{}, nil, &ExitError{Code: 1, Err: fmt.Errorf("%s is not valid (plenary check)", b.Label)}
	}
	pl, err := bundle.PersonalPlaces(b, ld.Meeting)
	if err != nil {
		return b, ld, pl, nil, err
	}
	notes, err := pl.Notes.LoadAll(ld.Meeting.SessionIDs())
	if err != nil {
		return b, ld, pl, nil, UsageErr("reading notes: %w", err)
	}
	return b, ld, pl, notes, nil
}

func newExportReportCmd(src Source) *cobra.Command {
	var output string
	var noAttribution, byDelegation, final, allowWarnings bool
	var format string
	var charts bool
	var paper string
	cmd := &cobra.Command{
		Use:   "report [DIR]",
		Short: "The summary of proceedings as Markdown, HTML or PDF: sessions, notes, decisions and actions",
		Long: `report writes the summary of proceedings: the meeting, who took part (from
the attendance the chair kept, as the sentence a summary opens with), each
session with its planned and actual times, presenters, summary and notes,
then every decision, action and open question. Confidential lines (those
starting with //) are never in it; notes not approved are marked draft,
and --final refuses while any session's notes are a draft.`,
		Example: `  plenary export report -o summary.md
  plenary export report my-meeting --by-delegation > summary.md
  plenary export report my-meeting --no-attribution   # the Chatham House Rule
  plenary export report my-meeting --final -o final.md # only when every note is approved
  plenary export report my-meeting -o summary.html     # one page: phone, print, light and dark
  plenary export report my-meeting -o summary.pdf      # A4 (--paper letter), contents, page n of N`,
		Args:        cobra.MaximumNArgs(1),
		Annotations: map[string]string{holdsNotes: "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			ex, err := src.bundle(cmd, args)
			if err != nil {
				return err
			}
			ld, notes := ex.Loaded, ex.notes
			drafts := agenda.Drafts(ld.Meeting, notes)
			if final && len(drafts) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("--final: %s: approve them in the Notes view (s) or export without --final", agenda.DraftsText(drafts))}
			}
			if final && !allowWarnings {
				// A final record publishes no line plenary check doubts.
				if probs := typedLineWarnings(ld.Meeting, notes); probs != "" {
					return &ExitError{Code: 1, Err: fmt.Errorf("--final: typed lines to check first (or --allow-warnings):\n%s", probs)}
				}
			}
			o := ex.snap.ReportOptions()
			o.NoAttribution, o.ByDelegation = noAttribution, byDelegation
			if final {
				o.Issued = agenda.DateOf(time.Now().In(ld.Meeting.Location))
			}
			title := ld.Meeting.Title
			if len(drafts) > 0 {
				title = "DRAFT · " + title
			}
			md := agenda.Report(ld.Meeting, notes, o)
			var figures map[string]chart.Chart
			if charts {
				if figures, err = reportCharts(ld); err != nil {
					return UsageErr("--charts: %v", err)
				}
			}
			switch reportFormat(format, output) {
			case "md":
				if charts {
					return UsageErr("--charts: in the html or pdf report")
				}
				return WriteOutput(cmd.OutOrStdout(), output, []byte(md))
			case "html":
				svgs := map[string][]byte{}
				for k, ch := range figures {
					svgs[k] = ch.SVG()
				}
				page, err := record.HTMLWith(title, md, svgs)
				if err != nil {
					return err
				}
				return WriteOutput(cmd.OutOrStdout(), output, page)
			case "pdf":
				size := map[string]string{"a4": record.A4, "letter": record.Letter}[strings.ToLower(paper)]
				if size == "" {
					return UsageErr("--paper %q: a4 or letter", paper)
				}
				m := ld.Meeting
				kind := m.Record
				if kind == "" {
					kind = "Summary record"
				}
				doc, err := record.PDFWith(title, md, size, figures, record.Meta{Draft: len(drafts) > 0, Author: m.Organiser,
					Subject: kind + ": " + m.Title + ", " + agenda.DateSpan(m.Start, m.End), Keywords: m.ID,
					Warn: func(w record.Missing) {
						fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s%s\n", noteLine(ld.Meeting, notes, w.Chars), w)
					}})
				if err != nil {
					return err
				}
				return WriteOutput(cmd.OutOrStdout(), output, doc)
			}
			return UsageErr("--format %q: md, html or pdf", format)
		},
	}
	cmd.Flags().BoolVar(&noAttribution, "no-attribution", false, "publish statements without naming who made them (the Chatham House Rule; also chatham_house = true in [meeting])")
	cmd.Flags().BoolVar(&byDelegation, "by-delegation", false, "add each session's statements grouped by delegation")
	cmd.Flags().BoolVar(&final, "final", false, "refuse while any session's notes are a draft (not approved) or have typed lines to check; say \"Final · issued\" and the day")
	cmd.Flags().BoolVar(&allowWarnings, "allow-warnings", false, "with --final: publish typed lines plenary check warns about")
	cmd.Flags().StringVar(&format, "format", "", "md (Markdown), html (one self-contained page) or pdf; default: from -o's extension, else md")
	cmd.Flags().StringVar(&paper, "paper", "a4", "pdf: the paper, a4 or letter")
	cmd.Flags().BoolVar(&charts, "charts", false, "html, pdf: add the ranking of the meeting's edition, and each session's presenters compared where they were discussed")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; a device or FIFO as it is; - is standard output)")
	return cmd
}

// typedLineWarnings are what plenary check doubts in the typed lines a
// report publishes (owners that are no delegation, dates that are none or
// far off), one per line at notes/<id>.md:line, for --final.
func typedLineWarnings(m *agenda.Meeting, notes map[string]agenda.Note) string {
	var out []string
	for _, s := range m.Sessions {
		for _, it := range agenda.ParseItems(notes[s.ID].Text) {
			for _, w := range agenda.ItemWarnings(m, it) {
				out = append(out, fmt.Sprintf("  notes/%s.md:%d: %s", s.ID, it.Line, w.Msg))
			}
		}
	}
	return strings.Join(out, "\n")
}

func newExportICSCmd(src Source) *cobra.Command {
	var output string
	var starred bool
	cmd := &cobra.Command{
		Use:   "ics [DIR]",
		Short: "The sessions as an iCalendar file (RFC 5545) for any calendar",
		Example: `  plenary export ics -o egm-2017.ics
  plenary export ics --starred -o my-sessions.ics`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ex, err := src.bundle(cmd, args)
			if err != nil {
				return err
			}
			ld := ex.Loaded
			var stars map[string]bool
			if starred {
				if stars, err = ex.stars(); err != nil {
					return UsageErr("%w", err)
				}
			}
			var ss []*agenda.Session
			for i := range ld.Meeting.Sessions {
				s := &ld.Meeting.Sessions[i]
				if !starred || stars[s.ID] {
					ss = append(ss, s)
				}
			}
			if starred && len(ss) == 0 {
				return UsageErr("%w", errNoStars)
			}
			return WriteOutput(cmd.OutOrStdout(), output, []byte(agenda.ICS(ld.Meeting, ss, time.Now())))
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; a device or FIFO as it is; - is standard output)")
	cmd.Flags().BoolVar(&starred, "starred", false, "only the sessions starred in the app")
	return cmd
}

// reportFormat is the report's format: --format, else -o's extension.
func reportFormat(flag, output string) string {
	if flag != "" {
		return flag
	}
	switch strings.ToLower(filepath.Ext(output)) {
	case ".html", ".htm":
		return "html"
	case ".pdf":
		return "pdf"
	}
	return "md"
}

// newExportScheduleCmd exports the agenda as a conference schedule.
func newExportScheduleCmd(src Source, name string, write func(*agenda.Meeting) ([]byte, error)) *cobra.Command {
	var output string
	what := map[string]string{"schedule-xml": "frab's schedule.xml", "schedule-json": "the c3voc schedule JSON"}[name]
	cmd := &cobra.Command{
		Use:   name + " [DIR]",
		Short: "The agenda as " + what + ", for conference apps (Giggity, ConfClerk)",
		Long: "export " + name + " writes the meeting's sessions as " + what + `, following the
c3voc schema: each session an event with a stable guid (the same at every
export), its date with the offset, start, duration, room, title, track (the
first tag), abstract (the summary) and persons (the presenting delegations,
then the speakers as "Name (Role)"). A schedule needs times: a meeting whose
sessions have none (the embedded 2017 meeting) is refused.`,
		Example: "  plenary export " + name + " my-meeting -o schedule." + strings.TrimPrefix(name, "schedule-"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ex, err := src.bundle(cmd, args)
			if err != nil {
				return err
			}
			b, err := write(ex.Meeting)
			if err != nil {
				return &ExitError{Code: 1, Err: err}
			}
			return WriteOutput(cmd.OutOrStdout(), output, b)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; a device or FIFO as it is; - is standard output)")
	return cmd
}

func newExportJSONCmd(src Source) *cobra.Command {
	var output string
	var noAttribution bool
	cmd := &cobra.Command{
		Use:         "json [DIR]",
		Short:       "The whole bundle as JSON: meeting, sessions, notes, scores",
		Args:        cobra.MaximumNArgs(1),
		Annotations: map[string]string{holdsNotes: "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			ex, err := src.bundle(cmd, args)
			if err != nil {
				return err
			}
			m := ex.Meeting
			if noAttribution {
				// As the report: the same lines lose the same names.
				rule := *m
				rule.ChathamHouse = true
				m = &rule
			}
			js, err := bundle.JSON(m, ex.notes, ex.Scores)
			if err != nil {
				return err
			}
			return WriteOutput(cmd.OutOrStdout(), output, js)
		},
	}
	cmd.Flags().BoolVar(&noAttribution, "no-attribution", false, "notes without naming who said what (the Chatham House Rule, as export report; also chatham_house = true in [meeting])")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; a device or FIFO as it is; - is standard output)")
	return cmd
}

func newExportScoresCmd(src Source) *cobra.Command {
	var format, edition, output string
	cmd := &cobra.Command{
		Use:   "scores [DIR]",
		Short: "Export the scores as CSV (a wide table) or JSON",
		Example: `  plenary export scores --format csv --edition 2017
  plenary export scores my-meeting --format json -o scores.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ld, err := src.scores(cmd, args)
			if err != nil {
				return err
			}
			var out []byte
			switch format {
			case "csv":
				s, err := ld.Scores.ExportCSV(edition)
				if err != nil {
					return UsageErr("%w", err)
				}
				out = []byte(s)
			case "json":
				js, err := ld.Scores.ExportJSON(edition)
				if err != nil {
					return UsageErr("%w", err)
				}
				out = append(js, '\n')
			default:
				return UsageErr("--format %q: want csv or json", format)
			}
			return WriteOutput(cmd.OutOrStdout(), output, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv or json")
	cmd.Flags().StringVar(&edition, "edition", "", "only this edition (default: all)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; a device or FIFO as it is; - is standard output)")
	return cmd
}

// WriteOutput writes b to standard output (no -o, or -o -) or to file. A
// regular file, or a new one, is replaced atomically (through a link, the
// file it names); a device or a FIFO (/dev/stdout, a pipe) is written to as
// it is, never replaced; a folder is refused. Messages name the file, never
// a temporary one.
func WriteOutput(stdout io.Writer, file string, b []byte) error {
	if file == "" || file == "-" {
		_, err := stdout.Write(b)
		return err
	}
	target := file
	if real, err := filepath.EvalSymlinks(file); err == nil {
		target = real
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && st.IsDir():
		return UsageErr("-o %s is a folder; name a file", file)
	case err == nil && !st.Mode().IsRegular():
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return UsageErr("writing %s: %w", file, Cause(err))
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return UsageErr("writing %s: %w", file, Cause(err))
		}
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return UsageErr("writing %s: %w", file, Cause(err))
	}
	if err := renameio.WriteFile(target, b, 0o644); err != nil {
		return UsageErr("writing %s: %w", file, Cause(err))
	}
	return nil
}

// Cause is the reason of a failed file operation without the file's name
// (which may be a temporary file's).
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// noteLine is "notes/ID.md:LINE: " for the first note line that holds
// chars, so that a warning names where to look; "" when no note does (the
// text came from meeting.toml).
func noteLine(m *agenda.Meeting, notes map[string]agenda.Note, chars string) string {
	for _, s := range m.Sessions {
		for i, l := range strings.Split(notes[s.ID].Text, "\n") {
			if strings.Contains(l, chars) {
				return fmt.Sprintf("notes/%s.md:%d: ", s.ID, i+1)
			}
		}
	}
	return ""
}
