package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tjanstebaserad/bal-go/bal"
)

func TestModifyAttempts(t *testing.T) {
	t.Parallel()
	assert.Equal(t, bal.DefaultModifyAttempts, modifyAttempts(nil))
	assert.Equal(t, bal.DefaultModifyAttempts, modifyAttempts(&bal.ModifyOptions{}))
	assert.Equal(t, bal.DefaultModifyAttempts, modifyAttempts(&bal.ModifyOptions{MaxAttempts: -1}))
	assert.Equal(t, 7, modifyAttempts(&bal.ModifyOptions{MaxAttempts: 7}))
}
