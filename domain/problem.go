package domain

import (
	"errors"
	"fmt"
	"time"
)

// Problem is an error a person is meant to read. It carries the id of its
// message in the catalogs and the values that go into it, so the screen
// and the command line word it in the user's language; Error is the
// English sentence, for logs and for callers without a catalog.
//
// Args are typed values (a Stage, a Fit, a Money, a time, a number, a
// nested error), never words: the catalog names them in its language.
type Problem struct {
	ID     string
	Format string // the English message, as in the English catalog
	Args   []any
}

// Problemf is a Problem with its message id and English format.
func Problemf(id, format string, args ...any) *Problem {
	return &Problem{ID: id, Format: format, Args: args}
}

func (p *Problem) Error() string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = english(a)
	}
	return fmt.Sprintf(p.Format, args...)
}

// Day is a calendar day as an argument of a Problem: the catalog writes
// it without a time of day.
type Day time.Time

// WeekdayTime is a moment of this week as an argument of a Problem: the
// catalog writes its weekday, day, month and time.
type WeekdayTime time.Time

// english is a Problem's argument as the English sentence names it: a
// typed value by its label, a moment as leadq writes it in messages.
func english(a any) any {
	switch v := a.(type) {
	case time.Time:
		return formatDateTime(v)
	case Day:
		return formatDate(time.Time(v))
	case WeekdayTime:
		return time.Time(v).Format("Mon 02.01. 15:04")
	case interface{ Label() string }:
		return v.Label()
	}
	return a
}

// Unwrap is the error among the arguments, so errors.Is sees through a
// Problem that reports another error (ErrReasonRequired, say).
func (p *Problem) Unwrap() []error {
	var errs []error
	for _, a := range p.Args {
		if e, ok := a.(error); ok {
			errs = append(errs, e)
		}
	}
	return errs
}

// AsProblem is the first Problem in err's chain.
func AsProblem(err error) (*Problem, bool) {
	var p *Problem
	ok := errors.As(err, &p)
	return p, ok
}

// Errors are the errors joined in err (errors.Join), or err alone, so each
// can be worded on its own.
func Errors(err error) []error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		return joined.Unwrap()
	}
	return []error{err}
}
