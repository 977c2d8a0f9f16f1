export { loadContactDefinitions, type ContactDefinitions } from './load-contact-definitions';
export { createContactField, deleteContactField, contactFieldInputSchema, type ContactFieldInput } from './manage-contact-fields';
export { createTag, deleteTag } from './manage-tags';
export { applyContactChanges, type AppliedContactChanges } from './apply-contact-changes';
export { updateContact, contactUpdateSchema, type ContactUpdate } from './update-contact';
