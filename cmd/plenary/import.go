package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/safefs"
	"codeberg.org/plenary/plenary/data/strict"
)

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import data into a bundle",
	}
	cmd.AddCommand(newImportSDMXCmd(), newImportAgendaCmd())
	return cmd
}

func newImportSDMXCmd() *cobra.Command {
	var dir, edition, status, source string
	var year int
	var pillarMax float64
	var composite string
	var measures []string
	var force, skipUnknown bool
	var period string
	cmd := &cobra.Command{
		Use:   "sdmx FILE --bundle DIR --edition E",
		Short: "Import an OECD Data Explorer export (SDMX-CSV) as an edition's scores",
		Long: `import sdmx reads an OECD Data Explorer export (SDMX-CSV; a BOM, ',' or ';',
STRUCTURE or DATAFLOW headers and "ID: Name" labels are all understood) and
writes its values as imports/E/scores.csv in the bundle. MEASURE=OUR is the
composite; map other measure codes to the index's pillars and sub-pillars
with --measure CODE=ID. When edition E is not in scores.toml, an [[edition]]
is added for it. Everything is validated before anything is written: on an
error nothing changes. Files are replaced atomically, the table before
scores.toml: a stop between the two leaves a file no manifest reads, never
a broken bundle.`,
		Example: `  # the OURdata 2019 figures published as text, on 2019's 0–1 scale
  # (data/examples in plenary's repository):
  plenary import sdmx data/examples/ourdata-2019.sdmx.csv --bundle my-meeting \
      --edition 2019 --status final --pillar-max 1 --composite mean \
      --measure OUR_1=availability --source "OECD (2019), Government at a Glance 2019"
  # a Data Explorer export with all three pillars:
  plenary import sdmx export.csv --bundle my-meeting --edition 2023 --pillar-max 1 \
      --composite mean --measure OUR_1=availability --measure OUR_2=accessibility --measure OUR_3=reuse`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			write := func(name string, b []byte) error { return safefs.Dir(dir).WriteFile(name, b, 0o644) }
			opt := data.SDMXOptions{Period: period, Select: period != "", SkipUnknownAreas: skipUnknown}
			ne := newEdition{status: status, year: year, pillarMax: pillarMax, composite: composite, source: source}
			for _, f := range []string{"status", "year", "pillar-max", "composite", "source"} {
				if cmd.Flags().Changed(f) {
					ne.set = append(ne.set, "--"+f)
				}
			}
			return importSDMX(cmd, args[0], dir, edition, ne, measures, force, opt, write)
		},
	}
	cmd.Flags().StringVar(&dir, "bundle", ".", "the bundle `DIR` to import into")
	cmd.Flags().StringVar(&edition, "edition", "", "the edition `E` the values belong to (required)")
	cmd.Flags().StringArrayVar(&measures, "measure", nil, "map an SDMX measure `CODE=ID` to an index measure (repeatable)")
	cmd.Flags().IntVar(&year, "year", 0, "year of a new edition (default: the edition id, when it is a year)")
	cmd.Flags().StringVar(&status, "status", "preliminary", "status of a new edition: preliminary, final or pilot")
	cmd.Flags().Float64Var(&pillarMax, "pillar-max", 0, "pillar scale of a new edition, e.g. 1 (default: the index's)")
	cmd.Flags().StringVar(&composite, "composite", "", "how a new edition's composite is made: sum or mean (default: the index's)")
	cmd.Flags().StringVar(&source, "source", "", "where a new edition's figures come from (default: the file's name)")
	cmd.Flags().BoolVar(&force, "force", false, "replace an earlier import of the same edition")
	cmd.Flags().StringVar(&period, "period", "", "import the rows of this `TIME_PERIOD` and leave the others out (default: every row's period must be the edition)")
	cmd.Flags().BoolVar(&skipUnknown, "skip-unknown-areas", false, "leave out rows whose REF_AREA is not a country (EU27_2020 …) instead of refusing the file")
	cmd.MarkFlagRequired("edition")
	return cmd
}

// newEdition is how to describe an edition the import adds.
type newEdition struct {
	status    string
	year      int
	pillarMax float64
	composite string
	source    string
	set       []string // the flags given, which only a new edition takes
}

// importSDMX imports file into the bundle in dir; write replaces a bundle
// file (tests give one that fails).
func importSDMX(cmd *cobra.Command, file, dir, edition string, ne newEdition, measureFlags []string, force bool, opt data.SDMXOptions, write func(name string, b []byte) error) error {
	out := clean.Writer{W: cmd.OutOrStdout()} // for people: cleaned
	if !data.IsID(edition) {
		return cli.UsageErr("--edition %q is not an edition id (letters, digits, . _ -)", edition)
	}
	b, err := bundle.Disk(dir)
	if err != nil {
		return err
	}
	d, probs := data.LoadScores(b.FS)
	if d == nil {
		bundle.PrintProblems(cmd.ErrOrStderr(), b, probs)
		if len(probs) == 0 {
			return cli.UsageErr("%s has no %s: an import needs the index it describes (plenary init writes one)", dir, data.ScoresFile)
		}
		return &cli.ExitError{Code: 1, Err: fmt.Errorf("the bundle's scores are not valid; fix them first (plenary check %s)", dir)}
	}
	mapping := map[string]string{}
	for _, f := range measureFlags {
		code, id, ok := strings.Cut(f, "=")
		if !ok || code == "" {
			return cli.UsageErr("--measure %q: want CODE=ID", f)
		}
		if _, known := d.Index.Measure(id); !known {
			var ids []string
			for _, m := range d.Index.Measures() {
				ids = append(ids, m.ID)
			}
			return cli.UsageErr("--measure %s: %q is not a measure of %s (%s)", f, id, d.Index.Name, strings.Join(ids, ", "))
		}
		mapping[code] = id
	}
	// The file named is the person's choice, links and all; what it names
	// must be a regular file (a FIFO would hang the import).
	real, err := filepath.EvalSymlinks(file)
	if err != nil {
		return cli.UsageErr("%w", err)
	}
	raw, err := safefs.Dir(filepath.Dir(real)).ReadFile(filepath.Base(real), strict.MaxFileSize)
	if err != nil {
		return cli.UsageErr("%s: %w", file, errors.Unwrap(err))
	}
	src := string(raw)
	opt.Measures = mapping
	if opt.Period == "" {
		opt.Period = edition
	}
	imp, probs := data.ReadSDMX(file, src, &d.Index, opt)
	for _, p := range probs {
		fmt.Fprintln(cmd.ErrOrStderr(), p.String())
	}
	if imp == nil || probs.Errors() > 0 {
		return &cli.ExitError{Code: 1, Err: fmt.Errorf("nothing imported: %s in %s", plural(probs.Errors(), "error"), file)}
	}
	if len(imp.Observations) == 0 {
		return &cli.ExitError{Code: 1, Err: fmt.Errorf("nothing imported: %s has no value for %s", file, d.Index.Name)}
	}

	// What the import writes: the table, and scores.toml when the edition
	// is new. The table goes in a folder of its own, which no pattern of
	// scores.toml reaches (imports/*.csv does not): until scores.toml names
	// it, it is read by nothing.
	table := path.Join("imports", edition, "scores.csv")
	writes := map[string][]byte{table: []byte(data.LongCSV(edition, imp.Observations))}
	_, exists := d.Edition(edition)
	if _, err := fs.Stat(b.FS, table); err == nil && exists && !force {
		return cli.UsageErr("%s exists (an earlier import of edition %s); use --force to replace it", filepath.Join(dir, table), edition)
	}
	if exists && len(ne.set) > 0 {
		return cli.UsageErr("edition %s is already in %s, which sets its scale, status and source: %s only for a new edition; edit %s instead, or import into a new edition", edition, data.ScoresFile, strings.Join(ne.set, ", ")+map[bool]string{true: " is", false: " are"}[len(ne.set) == 1], filepath.Join(dir, data.ScoresFile))
	}
	if !exists {
		if ne.year == 0 {
			y, err := strconv.Atoi(edition)
			if err != nil {
				return cli.UsageErr("edition %s is new: give its year with --year", edition)
			}
			ne.year = y
		}
		switch data.Status(ne.status) {
		case data.Preliminary, data.Final, data.Pilot:
		default:
			return cli.UsageErr("--status %q: want preliminary, final or pilot", ne.status)
		}
		toml, err := fs.ReadFile(b.FS, data.ScoresFile)
		if err != nil {
			return err
		}
		source := ne.source
		if source == "" {
			source = "Imported from " + filepath.Base(file) + " (SDMX-CSV)"
		}
		block := fmt.Sprintf("\n[[edition]]\nid = %s\nyear = %d\nstatus = %s\nsource = %s\ntables = [%s]\n",
			strict.Quote(edition), ne.year, strict.Quote(ne.status), strict.Quote(source), strict.Quote(table))
		if ne.pillarMax > 0 {
			block += fmt.Sprintf("pillar_max = %s\n", strconv.FormatFloat(ne.pillarMax, 'f', -1, 64))
		}
		if ne.composite != "" {
			block += fmt.Sprintf("composite = %s\n", strict.Quote(ne.composite))
		}
		writes[data.ScoresFile] = append(append([]byte{}, toml...), block...)
	}

	// Validate the bundle as it would be, before writing anything.
	after := overlay{base: b.FS, files: fstest.MapFS{}}
	for name, content := range writes {
		after.files[name] = &fstest.MapFile{Data: content}
	}
	nd, nprobs := data.LoadScores(after)
	if nd == nil {
		// The table was never written: its problems are the SDMX file's,
		// at the lines the values came from.
		for i, p := range nprobs {
			if p.File == table && p.Line >= 2 && p.Line-2 < len(imp.Observations) {
				o := imp.Observations[p.Line-2]
				nprobs[i].File, nprobs[i].Line, nprobs[i].Col = file, o.Line, o.Col
			}
		}
		for _, p := range nprobs {
			if p.File == file {
				fmt.Fprintln(cmd.ErrOrStderr(), p.String())
			}
		}
		var rest strict.Problems
		for _, p := range nprobs {
			if p.File != file {
				rest = append(rest, p)
			}
		}
		bundle.PrintProblems(cmd.ErrOrStderr(), b, rest)
		return &cli.ExitError{Code: 1, Err: fmt.Errorf("nothing imported: the values do not fit %s", data.ScoresFile)}
	}
	first := imp.Observations[0]
	m, _ := nd.Index.Measure(first.Measure)
	added, _ := nd.Edition(edition)
	if v := nd.Value(added, first.Country, m); v != first.Value {
		return cli.UsageErr("%s does not read %s: add \"imports/*.csv\" to its tables, then import again", filepath.Join(dir, data.ScoresFile), table)
	}

	// Table first, then scores.toml: a stop between them leaves a file
	// nothing reads, never a broken bundle. Neither is written through a link.
	for _, name := range []string{table, data.ScoresFile} {
		content, ok := writes[name]
		if !ok {
			continue
		}
		if err := write(name, content); err != nil {
			if name == data.ScoresFile {
				return fmt.Errorf("%w (the values are in %s, which nothing reads until %s names it; import again)", err, table, data.ScoresFile)
			}
			return err
		}
		fmt.Fprintln(out, "wrote", filepath.Join(dir, filepath.FromSlash(name)))
	}
	countries := map[string]bool{}
	for _, o := range imp.Observations {
		countries[o.Country] = true
	}
	fmt.Fprintf(out, "imported %s for %s into edition %s", plural(len(imp.Observations), "value"), plural(len(countries), "country"), edition)
	if imp.Skipped > 0 {
		fmt.Fprintf(out, "; %s skipped (empty OBS_VALUE or ACTION D)", plural(imp.Skipped, "row"))
	}
	fmt.Fprintln(out)
	return nil
}

// overlay is base with some files replaced or added, for validating a
// change before it is written. Nothing is copied: the loader opens only
// what the bundle's manifests name, from the new files or from base.
type overlay struct {
	base  fs.FS
	files fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.base.Open(name)
}

// ReadDir lists base's folder with the new files in it (for patterns such
// as imports/*.csv, whose folder the import may create).
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(o.base, name)
	added, aerr := fs.ReadDir(o.files, name)
	if err != nil && aerr != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, e := range added {
		seen[e.Name()] = true
	}
	for _, e := range es {
		if !seen[e.Name()] {
			added = append(added, e)
		}
	}
	sort.Slice(added, func(i, j int) bool { return added[i].Name() < added[j].Name() })
	return added, nil
}
