-- Issue 12, finding 2: secret parameters, stored sealed (service-kit SealedValues: AES-256-GCM under the parameter
-- key of staypuft.secrets.key-file); names in the clear, values never. Numbered 9 to stay clear of other branches.
ALTER TABLE deployment ADD COLUMN secret_parameters TEXT NOT NULL DEFAULT '{}';
ALTER TABLE deployment_role ADD COLUMN secret_parameters TEXT NOT NULL DEFAULT '{}';
