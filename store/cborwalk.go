package store

import (
	"encoding/binary"
	"fmt"

	"leadq/domain"
)

// touchesOf reads only the touches of a history value — their time, kind
// and funnel — walking the CBOR without decoding the rest, since a
// re-score of a million leads reads nothing else of their histories.
func touchesOf(data []byte) ([]domain.Event, error) {
	body, err := unframe(tagHistory, data)
	if err != nil {
		return nil, err
	}
	w := cborWalker{b: body}
	n, err := w.head(4)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Event, 0, n)
	touches := make([]domain.Touch, 0, n)
	for i := uint64(0); i < n; i++ {
		pairs, err := w.head(5)
		if err != nil {
			return nil, err
		}
		var at int64
		var t *domain.Touch
		for j := uint64(0); j < pairs; j++ {
			key, err := w.uint()
			if err != nil {
				return nil, err
			}
			switch key {
			case 3:
				if at, err = w.int(); err != nil {
					return nil, err
				}
			case 6:
				touches = append(touches, domain.Touch{})
				t = &touches[len(touches)-1]
				if err := w.touch(t); err != nil {
					return nil, err
				}
			default:
				if err := w.skip(); err != nil {
					return nil, err
				}
			}
		}
		if t != nil {
			out = append(out, domain.Event{Kind: domain.EventTouch, At: fromUnix(at), Touch: t})
		}
	}
	return out, nil
}

// cborWalker reads the few CBOR items leadq's own values use: unsigned and
// negative integers, byte and text strings, arrays and maps of definite
// length, and simple values.
type cborWalker struct{ b []byte }

var errWalk = fmt.Errorf("%w: a value does not decode", ErrDamaged)

// arg reads an item's head and returns its major type and argument.
func (w *cborWalker) arg() (major byte, v uint64, err error) {
	if len(w.b) == 0 {
		return 0, 0, errWalk
	}
	major, info := w.b[0]>>5, w.b[0]&0x1f
	w.b = w.b[1:]
	switch {
	case info < 24:
		return major, uint64(info), nil
	case info == 24 && len(w.b) >= 1:
		v, w.b = uint64(w.b[0]), w.b[1:]
	case info == 25 && len(w.b) >= 2:
		v, w.b = uint64(binary.BigEndian.Uint16(w.b)), w.b[2:]
	case info == 26 && len(w.b) >= 4:
		v, w.b = uint64(binary.BigEndian.Uint32(w.b)), w.b[4:]
	case info == 27 && len(w.b) >= 8:
		v, w.b = binary.BigEndian.Uint64(w.b), w.b[8:]
	default:
		return 0, 0, errWalk
	}
	return major, v, nil
}

// head reads the head of an item of the wanted major type.
func (w *cborWalker) head(want byte) (uint64, error) {
	major, v, err := w.arg()
	if err != nil || major != want {
		return 0, errWalk
	}
	return v, nil
}

func (w *cborWalker) uint() (uint64, error) { return w.head(0) }

func (w *cborWalker) int() (int64, error) {
	major, v, err := w.arg()
	switch {
	case err != nil:
		return 0, err
	case major == 0:
		return int64(v), nil
	case major == 1:
		return -1 - int64(v), nil
	}
	return 0, errWalk
}

// skip passes over one whole item.
func (w *cborWalker) skip() error {
	major, v, err := w.arg()
	if err != nil {
		return err
	}
	switch major {
	case 0, 1, 7:
		return nil
	case 2, 3:
		if uint64(len(w.b)) < v {
			return errWalk
		}
		w.b = w.b[v:]
		return nil
	case 4:
		for i := uint64(0); i < v; i++ {
			if err := w.skip(); err != nil {
				return err
			}
		}
		return nil
	case 5:
		for i := uint64(0); i < 2*v; i++ {
			if err := w.skip(); err != nil {
				return err
			}
		}
		return nil
	}
	return errWalk
}

// touch reads a touch map's kind and funnel.
func (w *cborWalker) touch(t *domain.Touch) error {
	pairs, err := w.head(5)
	if err != nil {
		return err
	}
	for j := uint64(0); j < pairs; j++ {
		key, err := w.uint()
		if err != nil {
			return err
		}
		switch key {
		case 1, 3:
			v, err := w.uint()
			if err != nil {
				return err
			}
			if key == 1 {
				t.Kind = domain.ActivityKind(v)
			} else {
				t.Funnel = domain.FunnelStage(v)
			}
		default:
			if err := w.skip(); err != nil {
				return err
			}
		}
	}
	return nil
}
