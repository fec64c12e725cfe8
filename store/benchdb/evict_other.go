//go:build !linux

package benchdb

import (
	"errors"
	"os"
)

func dropCache(*os.File) error {
	return errors.New("dropping a file from the page cache is only done on Linux")
}
