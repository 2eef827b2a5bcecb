-- The largest metadata a transfer may carry (16 entries of 64-character keys and 256-character values) can take
-- far more than 8192 characters as JSON once quotes, backslashes and control characters are escaped (up to six
-- characters each). A column too narrow for valid input would stop the views on that transfer.
ALTER TABLE transfer_record ALTER COLUMN metadata_json SET DATA TYPE VARCHAR(65536);
ALTER TABLE statement_entry ALTER COLUMN metadata_json SET DATA TYPE VARCHAR(65536);
ALTER TABLE statement_transfer_metadata ALTER COLUMN metadata_json SET DATA TYPE VARCHAR(65536);
