package account

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultsAreIndexedByEveryCredential(t *testing.T) {
	r, err := NewRegistry(Defaults())
	require.NoError(t, err)
	a, ok := r.BySecretID("AKIDmqmock00000000000000000000000001")
	require.True(t, ok)
	assert.Equal(t, "default", a.Name)
	b, ok := r.ByAccessKeyID("LTAImqmock0000000000002")
	require.True(t, ok)
	assert.Equal(t, "other", b.Name)
	assert.Equal(t, "mqmock-other-key", b.Alibaba.AccessKeySecret)
	_, ok = r.BySecretID("AKIDunknown")
	assert.False(t, ok)
}

func TestRegistryRefusesClashes(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(a []Account)
		wantErr string
	}{
		{"empty name", func(a []Account) { a[1].Name = "" }, "accounts[1].name"},
		{"same name", func(a []Account) { a[1].Name = "default" }, "accounts[1].name"},
		{"same secret id", func(a []Account) { a[1].Tencent.SecretID = a[0].Tencent.SecretID }, "accounts[1].tencent.secretId"},
		{"same access key", func(a []Account) { a[1].Alibaba.AccessKeyID = a[0].Alibaba.AccessKeyID }, "accounts[1].alibaba.accessKeyId"},
		{"same mqtt instance", func(a []Account) { a[1].MQTTInstances[0].ID = a[0].MQTTInstances[0].ID }, "accounts[1].mqttInstances[0].id"},
		{"empty ons instance", func(a []Account) { a[0].ONSInstances[0].ID = "" }, "accounts[0].onsInstances[0].id"},
		{"same ons instance", func(a []Account) { a[1].ONSInstances[0].ID = a[0].ONSInstances[0].ID }, "accounts[1].onsInstances[0].id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			accts := Defaults()
			tc.mutate(accts)
			_, err := NewRegistry(accts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}
