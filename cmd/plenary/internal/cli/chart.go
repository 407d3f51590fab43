package cli

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/chart"
)

func newExportChartCmd(src Source) *cobra.Command {
	var edition, countries, measure, format, output, aspect string
	var width, top int
	var dpi float64
	cmd := &cobra.Command{
		Use:   "chart ranking|compare|country [DIR]",
		Short: "A score chart for slides and publications, as SVG, PNG or PDF",
		Long: `export chart draws the scores as the Scores and Compare views show them:
ranking — every country of an edition, the composite stacked by pillar (or
one measure with --measure), the OECD average marked on each bar; compare —
the countries given with --countries, the same way; country — one country's
pillars against the average. The title names the index, the edition and the
measure; the edition's source is under the chart; a preliminary edition is
watermarked. SVG and PDF keep text as text (searchable, editable); PNG is
drawn at twice the size for slides. The format follows -o's extension.`,
		Example: `  plenary export chart ranking -o ourdata-2017.svg
  plenary export chart compare --countries KOR,FRA,MEX,ESP -o compare.png
  plenary export chart country --countries KOR --edition 2017 -o korea.svg
  plenary export chart ranking --measure availability --width 1200 -o availability.png
  plenary export chart ranking --top 10 --aspect 16:9 -o slide.png`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			ld, err := src.scores(cmd, args[1:])
			if err != nil {
				return err
			}
			d := ld.Scores
			if !(dpi >= 18 && dpi <= 2400) {
				return UsageErr("--dpi %v: between 18 and 2400", dpi)
			}
			if top < 0 {
				return UsageErr("--top %d: a number of countries, 1 or more", top)
			}
			o := chart.Options{Width: width, Top: top}
			if aspect != "" {
				w, h, ok := strings.Cut(aspect, ":")
				wv, err1 := strconv.ParseFloat(w, 64)
				hv, err2 := strconv.ParseFloat(h, 64)
				if !ok || err1 != nil || err2 != nil || !(wv > 0) || !(hv > 0) || wv/hv < 0.5 || wv/hv > 4 {
					return UsageErr("--aspect %q: a width and a height, as 16:9 or 4:3", aspect)
				}
				if kind == "country" {
					return UsageErr("--aspect: for ranking and compare")
				}
				o.Aspect = wv / hv
			}
			if ld.Meeting != nil {
				o.Name = ld.Meeting.NameOf
			}
			if edition != "" {
				e, ok := d.Edition(edition)
				if !ok {
					return UsageErr("--edition %q: not an edition of the scores", edition)
				}
				o.Edition = e
			}
			if measure != "" {
				i, ok := d.Index.Measure(measure)
				if !ok {
					var ids []string
					for _, m := range d.Index.Measures() {
						ids = append(ids, m.ID)
					}
					return UsageErr("--measure %q: one of %s", measure, strings.Join(ids, ", "))
				}
				o.Measure = i
			}
			var codes []string
			for _, c := range strings.Split(countries, ",") {
				if c = strings.TrimSpace(c); c != "" {
					codes = append(codes, strings.ToUpper(c))
				}
			}
			var ch chart.Chart
			switch kind {
			case "ranking":
				ch, err = chart.Ranking(d, o)
			case "compare":
				if len(codes) < 2 {
					return UsageErr("compare needs --countries with two codes or more (KOR,FRA)")
				}
				o.Countries = codes
				ch, err = chart.Ranking(d, o)
			case "country":
				if len(codes) != 1 {
					return UsageErr("country needs --countries with one code (KOR)")
				}
				ch, err = chart.Country(d, codes[0], o)
			default:
				return UsageErr("%q: ranking, compare or country", kind)
			}
			if err != nil {
				return UsageErr("%v", err)
			}
			if len(ch.Unscored) > 0 {
				e := d.Latest()
				if o.Edition != nil {
					e = o.Edition
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "note: no %s score for %s: drawn as an empty row, and said under the chart\n", e.ID, strings.Join(ch.Unscored, ", "))
			}
			if format == "" {
				format = strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), ".")
			}
			var out []byte
			switch format {
			case "", "svg":
				out = ch.SVG()
			case "png":
				if out, err = ch.PNG(2); err != nil {
					return err
				}
			case "pdf":
				if out, err = ch.PDF(dpi); err != nil {
					return err
				}
			default:
				return UsageErr("--format %q: svg, png or pdf", format)
			}
			return WriteOutput(cmd.OutOrStdout(), output, out)
		},
	}
	cmd.Flags().StringVar(&edition, "edition", "", "the edition `E` (default: the latest)")
	cmd.Flags().StringVar(&countries, "countries", "", "country `CODES`, comma-separated (compare: two or more; country: one)")
	cmd.Flags().StringVar(&measure, "measure", "", "the measure `ID` (default: the composite; e.g. availability)")
	cmd.Flags().StringVar(&format, "format", "", "svg, png or pdf (default: from -o's extension, else svg)")
	cmd.Flags().IntVar(&width, "width", 800, "the chart's width in `PX` (a PNG is drawn at twice)")
	cmd.Flags().IntVar(&top, "top", 0, "ranking, compare: only the first `N` (for a slide); the subtitle says so")
	cmd.Flags().Float64Var(&dpi, "dpi", 96, "pdf: pixels to the inch, which give the page its size (800 px at 96 dpi: 8⅓ in)")
	cmd.Flags().StringVar(&aspect, "aspect", "", "ranking, compare: the chart's shape `W:H` (16:9 for a slide); rows that do not fit are refused with the --top that does")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically; - is standard output)")
	return cmd
}

// reportCharts are the report's figures: the ranking of the meeting's
// edition (the one of the meeting's year, else the latest) before the
// decisions, and in each session the presenters that have a score,
// compared (or one presenter's pillars).
func reportCharts(ld bundle.Loaded) (map[string]chart.Chart, error) {
	d, m := ld.Scores, ld.Meeting
	if d == nil {
		return nil, fmt.Errorf("the bundle has no scores")
	}
	e := d.Latest()
	for _, ed := range d.Editions {
		if ed.Year == m.Start.Year {
			e = ed
		}
	}
	o := chart.Options{Edition: e, Name: m.NameOf, Width: 720}
	ranking, err := chart.Ranking(d, o)
	if err != nil {
		return nil, err
	}
	figures := map[string]chart.Chart{"<## Decisions and actions": ranking}
	for i := range m.Sessions {
		s := &m.Sessions[i]
		// The presenting countries, scored or not: one without a score is
		// an empty row, never left out.
		var codes []string
		scored := 0
		for _, p := range s.Presenters {
			if del, _ := m.Delegation(p); del.Kind != agenda.Member && del.Kind != agenda.Partner {
				continue // the Secretariat, an organisation: no country score
			}
			codes = append(codes, p)
			if r, ok := d.Scores[e.ID].Row(p); ok && data.Known(r.Values[0]) {
				scored++
			}
		}
		var ch chart.Chart
		switch {
		case scored == 0:
			continue
		case len(codes) == 1:
			ch, err = chart.Country(d, codes[0], o)
		default:
			so := o
			so.Countries = codes
			ch, err = chart.Ranking(d, so)
		}
		if err != nil {
			return nil, err
		}
		figures[fmt.Sprintf("### Session %d: %s", s.Number, s.Title)] = ch
	}
	return figures, nil
}

// loadScores loads a bundle that must have valid scores.
func loadScores(cmd *cobra.Command, args []string) (bundle.Loaded, error) {
	b, err := bundle.Open(args)
	if err != nil {
		return bundle.Loaded{}, err
	}
	ld, probs := bundle.Load(b)
	if ld.Scores == nil {
		bundle.PrintProblems(cmd.ErrOrStderr(), b, probs)
		if ld.ScoresProblems {
			return ld, &ExitError{Code: 1, Err: fmt.Errorf("the scores are not valid (plenary check)")}
		}
		return ld, UsageErr("%s has no scores", b.Label)
	}
	return ld, nil
}
