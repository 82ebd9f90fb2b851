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
from ..types import UNSET, Unset, uuid_of

T = TypeVar("T", bound="AzureEntitlement")


@_attrs_define
class AzureEntitlement:
    """An Azure entitlement (an Azure subscription) under a parent Azure plan subscription. (inferred: every property is
    expected, present even when null, none required: every vendor example carries all of them and the ASP.NET backend
    serializes every property of its model.)

    """

    id: str | Unset = UNSET
    """ CloudCockpit identifier of the entitlement subscription (inferred: a GUID in practice; not declared uuid as
    the vendor does not type it). """
    order_id: str | Unset = UNSET
    """ Identifier of the order that created the subscription (inferred: a GUID in practice). """
    offer_id: str | Unset = UNSET
    """ CloudCockpit identifier of the offer (inferred: a GUID in practice). """
    customer_id: str | Unset = UNSET
    """ The customer owning the subscription (inferred: a GUID, as where it is a path parameter; kept a plain string
    as the answer's documentation does not type it). """
    provider_instance_id: str | Unset = UNSET
    """ The provider instance the subscription belongs to (inferred: a GUID, as where it is a query parameter; kept
    a plain string as the answer's documentation does not type it). """
    reseller_id: None | Unset | UUID = UNSET
    """ The reseller of the subscription; null when the CSP sells directly. """
    subscription_name: None | str | Unset = UNSET
    """ Friendly name of the subscription. """
    offer_name: None | str | Unset = UNSET
    """ Name of the offer, e.g. Azure plan. """
    offer_type: OfferType | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    is_addon_offer: bool | Unset = UNSET
    """ Whether the offer is an add-on to another subscription. """
    is_trial_offer: bool | Unset = UNSET
    """ Whether the offer is a trial. """
    provider_offer_id: str | Unset = UNSET
    """ The provider's (Microsoft's) offer identifier, e.g. DZH318Z0BPS6:0001 for the Azure plan (inferred example).
    """
    subscription_status: SubscriptionStatus | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    start_date: datetime.datetime | Unset = UNSET
    """ Start of the subscription, with an offset, e.g. 2024-05-04T09:42:00+00:00. """
    end_date: datetime.datetime | Unset = UNSET
    """ End of the current term, with an offset. """
    cancellation_allowed_until: datetime.datetime | Unset = UNSET
    """ Last moment at which the subscription may be cancelled, with an offset. """
    quantity: int | Unset = UNSET
    """ Quantity (seats or units) of the subscription. """
    list_price: Money | Unset = UNSET
    """ An amount in a currency. (inferred: both properties expected, neither required; no number format
    documented.) """
    revenue_price: Money | Unset = UNSET
    """ An amount in a currency. (inferred: both properties expected, neither required; no number format
    documented.) """
    erp_price: Money | Unset = UNSET
    """ An amount in a currency. (inferred: both properties expected, neither required; no number format
    documented.) """
    custom_margin: CustomMargin | Unset = UNSET
    """ The margin applied to the subscription's price. (inferred: both properties expected, neither required.) """
    billing_frequency: BillingFrequency | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    billing_type: BillingType | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    term_duration: TermDuration | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    segment: Segment | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    parent_subscription_id: str | Unset = UNSET
    """ The parent subscription (the `subscriptionId` of the request; inferred: a GUID, as where it is a path
    parameter; kept a plain string as the answer's documentation does not type it). """
    provider_subscription_id: str | Unset = UNSET
    """ The provider's identifier of the subscription (inferred: the Azure subscription GUID; kept a plain string as
    the vendor does not type it). """
    auto_renewal: bool | Unset = UNSET
    """ Whether the subscription renews automatically at the end of its term. """
    provider_data: str | Unset = UNSET
    """ Provider-specific data, opaque to clients (inferred: not nullable, as neither the page nor the reference
    says so; its content is not documented). """
    internal_id: str | Unset = UNSET
    """ Internal (e.g. ERP) identifier of the subscription (inferred meaning). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order_id = self.order_id

        offer_id = self.offer_id

        customer_id = self.customer_id

        provider_instance_id = self.provider_instance_id

        reseller_id: None | str | Unset
        if isinstance(self.reseller_id, Unset):
            reseller_id = UNSET
        elif isinstance(self.reseller_id, UUID):
            reseller_id = str(self.reseller_id)
        else:
            reseller_id = self.reseller_id

        subscription_name: None | str | Unset
        if isinstance(self.subscription_name, Unset):
            subscription_name = UNSET
        else:
            subscription_name = self.subscription_name

        offer_name: None | str | Unset
        if isinstance(self.offer_name, Unset):
            offer_name = UNSET
        else:
            offer_name = self.offer_name

        offer_type: dict[str, Any] | Unset = UNSET
        if not isinstance(self.offer_type, Unset):
            offer_type = self.offer_type.to_dict()

        is_addon_offer = self.is_addon_offer

        is_trial_offer = self.is_trial_offer

        provider_offer_id = self.provider_offer_id

        subscription_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.subscription_status, Unset):
            subscription_status = self.subscription_status.to_dict()

        start_date: str | Unset = UNSET
        if not isinstance(self.start_date, Unset):
            start_date = self.start_date.isoformat()

        end_date: str | Unset = UNSET
        if not isinstance(self.end_date, Unset):
            end_date = self.end_date.isoformat()

        cancellation_allowed_until: str | Unset = UNSET
        if not isinstance(self.cancellation_allowed_until, Unset):
            cancellation_allowed_until = self.cancellation_allowed_until.isoformat()

        quantity = self.quantity

        list_price: dict[str, Any] | Unset = UNSET
        if not isinstance(self.list_price, Unset):
            list_price = self.list_price.to_dict()

        revenue_price: dict[str, Any] | Unset = UNSET
        if not isinstance(self.revenue_price, Unset):
            revenue_price = self.revenue_price.to_dict()

        erp_price: dict[str, Any] | Unset = UNSET
        if not isinstance(self.erp_price, Unset):
            erp_price = self.erp_price.to_dict()

        custom_margin: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_margin, Unset):
            custom_margin = self.custom_margin.to_dict()

        billing_frequency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing_frequency, Unset):
            billing_frequency = self.billing_frequency.to_dict()

        billing_type: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing_type, Unset):
            billing_type = self.billing_type.to_dict()

        term_duration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.term_duration, Unset):
            term_duration = self.term_duration.to_dict()

        segment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.segment, Unset):
            segment = self.segment.to_dict()

        parent_subscription_id = self.parent_subscription_id

        provider_subscription_id = self.provider_subscription_id

        auto_renewal = self.auto_renewal

        provider_data = self.provider_data

        internal_id = self.internal_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if order_id is not UNSET:
            field_dict["orderId"] = order_id
        if offer_id is not UNSET:
            field_dict["offerId"] = offer_id
        if customer_id is not UNSET:
            field_dict["customerId"] = customer_id
        if provider_instance_id is not UNSET:
            field_dict["providerInstanceId"] = provider_instance_id
        if reseller_id is not UNSET:
            field_dict["resellerId"] = reseller_id
        if subscription_name is not UNSET:
            field_dict["subscriptionName"] = subscription_name
        if offer_name is not UNSET:
            field_dict["offerName"] = offer_name
        if offer_type is not UNSET:
            field_dict["offerType"] = offer_type
        if is_addon_offer is not UNSET:
            field_dict["isAddonOffer"] = is_addon_offer
        if is_trial_offer is not UNSET:
            field_dict["isTrialOffer"] = is_trial_offer
        if provider_offer_id is not UNSET:
            field_dict["providerOfferId"] = provider_offer_id
        if subscription_status is not UNSET:
            field_dict["subscriptionStatus"] = subscription_status
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if cancellation_allowed_until is not UNSET:
            field_dict["cancellationAllowedUntil"] = cancellation_allowed_until
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if list_price is not UNSET:
            field_dict["listPrice"] = list_price
        if revenue_price is not UNSET:
            field_dict["revenuePrice"] = revenue_price
        if erp_price is not UNSET:
            field_dict["erpPrice"] = erp_price
        if custom_margin is not UNSET:
            field_dict["customMargin"] = custom_margin
        if billing_frequency is not UNSET:
            field_dict["billingFrequency"] = billing_frequency
        if billing_type is not UNSET:
            field_dict["billingType"] = billing_type
        if term_duration is not UNSET:
            field_dict["termDuration"] = term_duration
        if segment is not UNSET:
            field_dict["segment"] = segment
        if parent_subscription_id is not UNSET:
            field_dict["parentSubscriptionId"] = parent_subscription_id
        if provider_subscription_id is not UNSET:
            field_dict["providerSubscriptionId"] = provider_subscription_id
        if auto_renewal is not UNSET:
            field_dict["autoRenewal"] = auto_renewal
        if provider_data is not UNSET:
            field_dict["providerData"] = provider_data
        if internal_id is not UNSET:
            field_dict["internalId"] = internal_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        order_id = d.pop("orderId", UNSET)

        offer_id = d.pop("offerId", UNSET)

        customer_id = d.pop("customerId", UNSET)

        provider_instance_id = d.pop("providerInstanceId", UNSET)

        def _parse_reseller_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reseller_id_type_0 = uuid_of(data)

                return reseller_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reseller_id = _parse_reseller_id(d.pop("resellerId", UNSET))

        subscription_name = d.pop("subscriptionName", UNSET)

        offer_name = d.pop("offerName", UNSET)

        _offer_type = d.pop("offerType", UNSET)
        offer_type: OfferType | Unset
        if isinstance(_offer_type, Unset):
            offer_type = UNSET
        else:
            offer_type = OfferType.from_dict(_offer_type)

        is_addon_offer = d.pop("isAddonOffer", UNSET)

        is_trial_offer = d.pop("isTrialOffer", UNSET)

        provider_offer_id = d.pop("providerOfferId", UNSET)

        _subscription_status = d.pop("subscriptionStatus", UNSET)
        subscription_status: SubscriptionStatus | Unset
        if isinstance(_subscription_status, Unset):
            subscription_status = UNSET
        else:
            subscription_status = SubscriptionStatus.from_dict(_subscription_status)

        _start_date = d.pop("startDate", UNSET)
        start_date: datetime.datetime | Unset
        if isinstance(_start_date, Unset):
            start_date = UNSET
        else:
            start_date = datetime.datetime.fromisoformat(_start_date)

        _end_date = d.pop("endDate", UNSET)
        end_date: datetime.datetime | Unset
        if isinstance(_end_date, Unset):
            end_date = UNSET
        else:
            end_date = datetime.datetime.fromisoformat(_end_date)

        _cancellation_allowed_until = d.pop("cancellationAllowedUntil", UNSET)
        cancellation_allowed_until: datetime.datetime | Unset
        if isinstance(_cancellation_allowed_until, Unset):
            cancellation_allowed_until = UNSET
        else:
            cancellation_allowed_until = datetime.datetime.fromisoformat(
                _cancellation_allowed_until
            )

        quantity = d.pop("quantity", UNSET)

        _list_price = d.pop("listPrice", UNSET)
        list_price: Money | Unset
        if isinstance(_list_price, Unset):
            list_price = UNSET
        else:
            list_price = Money.from_dict(_list_price)

        _revenue_price = d.pop("revenuePrice", UNSET)
        revenue_price: Money | Unset
        if isinstance(_revenue_price, Unset):
            revenue_price = UNSET
        else:
            revenue_price = Money.from_dict(_revenue_price)

        _erp_price = d.pop("erpPrice", UNSET)
        erp_price: Money | Unset
        if isinstance(_erp_price, Unset):
            erp_price = UNSET
        else:
            erp_price = Money.from_dict(_erp_price)

        _custom_margin = d.pop("customMargin", UNSET)
        custom_margin: CustomMargin | Unset
        if isinstance(_custom_margin, Unset):
            custom_margin = UNSET
        else:
            custom_margin = CustomMargin.from_dict(_custom_margin)

        _billing_frequency = d.pop("billingFrequency", UNSET)
        billing_frequency: BillingFrequency | Unset
        if isinstance(_billing_frequency, Unset):
            billing_frequency = UNSET
        else:
            billing_frequency = BillingFrequency.from_dict(_billing_frequency)

        _billing_type = d.pop("billingType", UNSET)
        billing_type: BillingType | Unset
        if isinstance(_billing_type, Unset):
            billing_type = UNSET
        else:
            billing_type = BillingType.from_dict(_billing_type)

        _term_duration = d.pop("termDuration", UNSET)
        term_duration: TermDuration | Unset
        if isinstance(_term_duration, Unset):
            term_duration = UNSET
        else:
            term_duration = TermDuration.from_dict(_term_duration)

        _segment = d.pop("segment", UNSET)
        segment: Segment | Unset
        if isinstance(_segment, Unset):
            segment = UNSET
        else:
            segment = Segment.from_dict(_segment)

        parent_subscription_id = d.pop("parentSubscriptionId", UNSET)

        provider_subscription_id = d.pop("providerSubscriptionId", UNSET)

        auto_renewal = d.pop("autoRenewal", UNSET)

        provider_data = d.pop("providerData", UNSET)

        internal_id = d.pop("internalId", UNSET)

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
