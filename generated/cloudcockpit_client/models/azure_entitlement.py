from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.billing_frequency import BillingFrequency
from ..models.billing_type import BillingType
from ..models.custom_margin import CustomMargin
from ..models.money import Money
from ..models.offer_type import OfferType
from ..models.segment import Segment
from ..models.subscription_status import SubscriptionStatus
from ..models.term_duration import TermDuration

T = TypeVar("T", bound="AzureEntitlement")


@_attrs_define
class AzureEntitlement:
    """An Azure entitlement (an Azure subscription) under a parent Azure plan subscription. (inferred: every property is
    required, present even when null: every vendor example carries all of them and the ASP.NET backend serializes every
    property of its model.)

    """

    id: str
    """ CloudCockpit identifier of the entitlement subscription (inferred: a GUID in practice; not declared uuid as
    the vendor does not type it). """
    order_id: str
    """ Identifier of the order that created the subscription (inferred: a GUID in practice). """
    offer_id: str
    """ CloudCockpit identifier of the offer (inferred: a GUID in practice). """
    customer_id: UUID
    """ The customer owning the subscription (inferred format: documented as string(uuid) where it is a path
    parameter). """
    provider_instance_id: UUID
    """ The provider instance the subscription belongs to (inferred format: documented as string(uuid) where it is a
    query parameter). """
    reseller_id: None | UUID
    """ The reseller of the subscription; null when the CSP sells directly. """
    subscription_name: None | str
    """ Friendly name of the subscription. """
    offer_name: None | str
    """ Name of the offer, e.g. Azure plan. """
    offer_type: OfferType
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    is_addon_offer: bool
    """ Whether the offer is an add-on to another subscription. """
    is_trial_offer: bool
    """ Whether the offer is a trial. """
    provider_offer_id: str
    """ The provider's (Microsoft's) offer identifier, e.g. DZH318Z0BPS6:0001 for the Azure plan (inferred example).
    """
    subscription_status: SubscriptionStatus
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    start_date: datetime.datetime
    """ Start of the subscription, with an offset, e.g. 2024-05-04T09:42:00+00:00. """
    end_date: datetime.datetime
    """ End of the current term, with an offset. """
    cancellation_allowed_until: datetime.datetime
    """ Last moment at which the subscription may be cancelled, with an offset. """
    quantity: int
    """ Quantity (seats or units) of the subscription. """
    list_price: Money
    """ An amount in a currency. (inferred: both properties required; no number format documented.) """
    revenue_price: Money
    """ An amount in a currency. (inferred: both properties required; no number format documented.) """
    erp_price: Money
    """ An amount in a currency. (inferred: both properties required; no number format documented.) """
    custom_margin: CustomMargin
    """ The margin applied to the subscription's price. (inferred: both properties required.) """
    billing_frequency: BillingFrequency
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    billing_type: BillingType
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    term_duration: TermDuration
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    segment: Segment
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    parent_subscription_id: UUID
    """ The parent subscription (the `subscriptionId` of the request; inferred format: documented as string(uuid)
    where it is a path parameter). """
    provider_subscription_id: str
    """ The provider's identifier of the subscription (inferred: the Azure subscription GUID; kept a plain string as
    the vendor does not type it). """
    auto_renewal: bool
    """ Whether the subscription renews automatically at the end of its term. """
    provider_data: str
    """ Provider-specific data, opaque to clients (inferred: not nullable, as neither the page nor the reference
    says so; its content is not documented). """
    internal_id: str
    """ Internal (e.g. ERP) identifier of the subscription (inferred meaning). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order_id = self.order_id

        offer_id = self.offer_id

        customer_id = str(self.customer_id)

        provider_instance_id = str(self.provider_instance_id)

        reseller_id: None | str
        if isinstance(self.reseller_id, UUID):
            reseller_id = str(self.reseller_id)
        else:
            reseller_id = self.reseller_id

        subscription_name: None | str
        subscription_name = self.subscription_name

        offer_name: None | str
        offer_name = self.offer_name

        offer_type = self.offer_type.to_dict()

        is_addon_offer = self.is_addon_offer

        is_trial_offer = self.is_trial_offer

        provider_offer_id = self.provider_offer_id

        subscription_status = self.subscription_status.to_dict()

        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        cancellation_allowed_until = self.cancellation_allowed_until.isoformat()

        quantity = self.quantity

        list_price = self.list_price.to_dict()

        revenue_price = self.revenue_price.to_dict()

        erp_price = self.erp_price.to_dict()

        custom_margin = self.custom_margin.to_dict()

        billing_frequency = self.billing_frequency.to_dict()

        billing_type = self.billing_type.to_dict()

        term_duration = self.term_duration.to_dict()

        segment = self.segment.to_dict()

        parent_subscription_id = str(self.parent_subscription_id)

        provider_subscription_id = self.provider_subscription_id

        auto_renewal = self.auto_renewal

        provider_data = self.provider_data

        internal_id = self.internal_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "orderId": order_id,
                "offerId": offer_id,
                "customerId": customer_id,
                "providerInstanceId": provider_instance_id,
                "resellerId": reseller_id,
                "subscriptionName": subscription_name,
                "offerName": offer_name,
                "offerType": offer_type,
                "isAddonOffer": is_addon_offer,
                "isTrialOffer": is_trial_offer,
                "providerOfferId": provider_offer_id,
                "subscriptionStatus": subscription_status,
                "startDate": start_date,
                "endDate": end_date,
                "cancellationAllowedUntil": cancellation_allowed_until,
                "quantity": quantity,
                "listPrice": list_price,
                "revenuePrice": revenue_price,
                "erpPrice": erp_price,
                "customMargin": custom_margin,
                "billingFrequency": billing_frequency,
                "billingType": billing_type,
                "termDuration": term_duration,
                "segment": segment,
                "parentSubscriptionId": parent_subscription_id,
                "providerSubscriptionId": provider_subscription_id,
                "autoRenewal": auto_renewal,
                "providerData": provider_data,
                "internalId": internal_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        order_id = d.pop("orderId")

        offer_id = d.pop("offerId")

        customer_id = UUID(d.pop("customerId"))

        provider_instance_id = UUID(d.pop("providerInstanceId"))

        def _parse_reseller_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reseller_id_type_0 = UUID(data)

                return reseller_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        reseller_id = _parse_reseller_id(d.pop("resellerId"))

        def _parse_subscription_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subscription_name = _parse_subscription_name(d.pop("subscriptionName"))

        def _parse_offer_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offer_name = _parse_offer_name(d.pop("offerName"))

        offer_type = OfferType.from_dict(d.pop("offerType"))

        is_addon_offer = d.pop("isAddonOffer")

        is_trial_offer = d.pop("isTrialOffer")

        provider_offer_id = d.pop("providerOfferId")

        subscription_status = SubscriptionStatus.from_dict(d.pop("subscriptionStatus"))

        start_date = datetime.datetime.fromisoformat(d.pop("startDate"))

        end_date = datetime.datetime.fromisoformat(d.pop("endDate"))

        cancellation_allowed_until = datetime.datetime.fromisoformat(
            d.pop("cancellationAllowedUntil")
        )

        quantity = d.pop("quantity")

        list_price = Money.from_dict(d.pop("listPrice"))

        revenue_price = Money.from_dict(d.pop("revenuePrice"))

        erp_price = Money.from_dict(d.pop("erpPrice"))

        custom_margin = CustomMargin.from_dict(d.pop("customMargin"))

        billing_frequency = BillingFrequency.from_dict(d.pop("billingFrequency"))

        billing_type = BillingType.from_dict(d.pop("billingType"))

        term_duration = TermDuration.from_dict(d.pop("termDuration"))

        segment = Segment.from_dict(d.pop("segment"))

        parent_subscription_id = UUID(d.pop("parentSubscriptionId"))

        provider_subscription_id = d.pop("providerSubscriptionId")

        auto_renewal = d.pop("autoRenewal")

        provider_data = d.pop("providerData")

        internal_id = d.pop("internalId")

        azure_entitlement = cls(
            id=id,
            order_id=order_id,
            offer_id=offer_id,
            customer_id=customer_id,
            provider_instance_id=provider_instance_id,
            reseller_id=reseller_id,
            subscription_name=subscription_name,
            offer_name=offer_name,
            offer_type=offer_type,
            is_addon_offer=is_addon_offer,
            is_trial_offer=is_trial_offer,
            provider_offer_id=provider_offer_id,
            subscription_status=subscription_status,
            start_date=start_date,
            end_date=end_date,
            cancellation_allowed_until=cancellation_allowed_until,
            quantity=quantity,
            list_price=list_price,
            revenue_price=revenue_price,
            erp_price=erp_price,
            custom_margin=custom_margin,
            billing_frequency=billing_frequency,
            billing_type=billing_type,
            term_duration=term_duration,
            segment=segment,
            parent_subscription_id=parent_subscription_id,
            provider_subscription_id=provider_subscription_id,
            auto_renewal=auto_renewal,
            provider_data=provider_data,
            internal_id=internal_id,
        )

        azure_entitlement.additional_properties = d
        return azure_entitlement

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
