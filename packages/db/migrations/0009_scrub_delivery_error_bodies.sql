-- Failed deliveries used to store "HTTP <status>: <first 200 characters of the receiver's body>";
-- an outbound URL aimed at an internal service made that a way to read it. Keep the status only.
UPDATE "messages" SET "delivery_error" = substring("delivery_error" from '^HTTP [0-9]{3}')
WHERE "delivery_error" ~ '^HTTP [0-9]{3}: ';
